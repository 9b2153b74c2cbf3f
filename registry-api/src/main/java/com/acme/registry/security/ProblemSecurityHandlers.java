package com.acme.registry.security;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.web.DatabaseOutage;
import com.acme.registry.web.DatabaseOutageFilter;
import com.acme.registry.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401, 403 and 429 answers as problem+json, like every other error of the API; 503 when the credentials could not be
 * checked because the database is unreachable. Failed credentials are counted by the {@link SignInThrottle} and
 * recorded; a request without any credentials is answered 401 without a record (anyone could grow the audit log so).
 */
public class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    /** Clients that sign in with HTTP Basic send it pre-emptively (curl -u, requests, MLflow) and need no challenge. */
    static final String CHALLENGE = "Bearer realm=\"model-registry\"";

    private final JsonMapper json;
    private final SecurityAudit audit;
    private final SignInThrottle throttle;

    public ProblemSecurityHandlers(JsonMapper json, SecurityAudit audit, SignInThrottle throttle) {
        this.json = json;
        this.audit = audit;
        this.throttle = throttle;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (DatabaseOutage.causedBy(e)) { // the credentials could not be checked: not a refusal
            DatabaseOutageFilter.write(json, request, response);
            return;
        }
        if (BasicCredentials.present(request)) {
            String attempted = BasicCredentials.user(request);
            var throttled = throttle.check(request, attempted, null);
            if (throttled.isPresent()) {
                throttled(request, response, throttled.get());
                return;
            }
            throttle.failed(request, attempted);
            record(request, "AuthenticationFailed", null, 401, attempted);
        }
        // never a Basic challenge: a browser would prompt, then cache and send the password on other sites' requests
        response.setHeader("WWW-Authenticate", CHALLENGE);
        Problems.write(json, request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                "Unauthenticated", "Sign in: send 'Authorization: Basic ...' with a user's password, or "
                        + "'Authorization: Bearer <API token>'."));
    }

    /** 429 with Retry-After: the credentials were not checked. */
    void throttled(HttpServletRequest request, HttpServletResponse response, SignInThrottle.Throttled throttled)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "sign-in-throttled",
                "Too many failed sign-ins", "Too many failed sign-ins " + ("account".equals(throttled.kind())
                        ? "for this user name" : "from this address") + "; the credentials were not checked. Try again in "
                        + throttled.retryAfterSeconds() + " seconds.");
        problem.setProperty("rule", "sign-in-throttled");
        Problems.write(json, request, response, problem);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        var principal = SecurityContextHolder.getContext().getAuthentication();
        record(request, "AccessDenied", principal == null ? null : principal.getName(), 403, null);
        Problems.write(json, request, response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
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

}
