package com.acme.registry.security;

import com.acme.registry.database.DatabaseOutage;
import com.acme.registry.web.DatabaseOutageFilter;
import com.acme.registry.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import com.acme.registry.audit.SecurityAudit;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.net.URI;

/**
 * 401 and 403 answers as problem+json, like every other error of the API; 503 when the credentials could not be
 * checked because the database is unreachable.
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Clients that sign in with HTTP Basic send it pre-emptively (curl -u, requests, MLflow) and need no challenge. */
    static final String CHALLENGE = "Bearer realm=\"model-registry\"";

    private final JsonMapper json;
    private final SecurityAudit audit;

    public ProblemSecurityHandlers(JsonMapper json, SecurityAudit audit) {
        this.json = json;
        this.audit = audit;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (DatabaseOutage.causedBy(e)) { // the credentials could not be checked: not a refusal
            DatabaseOutageFilter.write(json, request, response);
            return;
        }
        record(request, "AuthenticationFailed", null, 401, attemptedUser(request));
        // never a Basic challenge: a browser would prompt, then cache and send the password on other sites' requests
        response.setHeader("WWW-Authenticate", CHALLENGE);
        write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                "Sign in: send 'Authorization: Basic ...' with a user's password, or 'Authorization: Bearer <API token>'."));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        var principal = SecurityContextHolder.getContext().getAuthentication();
        record(request, "AccessDenied", principal == null ? null : principal.getName(), 403, null);
        write(request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + "."));
    }

    /** Security events go into the audit log too; a failure to record one must not hide the refusal. */
    private void record(HttpServletRequest request, String action, String actor, int status, String attemptedUser) {
        Map<String, Object> extra = new LinkedHashMap<>();
        if (attemptedUser != null) {
            extra.put("attemptedUser", attemptedUser);
        }
        audit.refusal(request, action, actor, status, extra);
    }

    /** The user name a failed HTTP Basic sign-in tried, if any; never the password. */
    private static String attemptedUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.length() > 200 ? user.substring(0, 200) : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
