package com.acme.registry.ui.identity;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.web.DatabaseOutage;
import com.acme.registry.security.SignInThrottle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed sign-ins and refused UI requests go into the audit log, as they do for the API: a forged approval
 * is a security event someone should be able to find. A failed sign-in also counts towards the sign-in throttle.
 * A refused CSRF token is recorded when a person is signed in (a forged form posted through their session); without
 * a signed-in person nothing could have been changed, and anyone could grow the audit log so.
 */
class SignInAudit implements AuthenticationFailureHandler, AccessDeniedHandler {

    private final SecurityAudit audit;
    private final SignInThrottle throttle;

    SignInAudit(SecurityAudit audit, SignInThrottle throttle) {
        this.audit = audit;
        this.throttle = throttle;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        if (DatabaseOutage.causedBy(exception)) { // the password could not be checked: not "bad credentials"
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The registry cannot reach its database right now; try signing in again in a few seconds.");
            return;
        }
        String attempted = request.getParameter("username");
        if (attempted != null && attempted.length() > 200) {
            attempted = attempted.substring(0, 200);
        }
        throttle.failed(request, attempted == null ? "" : attempted);
        record(request, "AuthenticationFailed", null, 401, attempted);
        response.sendRedirect(request.getContextPath() + "/login?error");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        var principal = SecurityContextHolder.getContext().getAuthentication();
        boolean person = principal != null && principal.isAuthenticated()
                && !(principal instanceof AnonymousAuthenticationToken);
        if (denied instanceof CsrfException) {
            if (person) {
                record(request, "CsrfTokenRefused", principal.getName(), 403, null);
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN,
                    "This form was not sent from a page of the registry (its CSRF token is missing or wrong); "
                            + "nothing was changed. Reload the page and try again.");
            return;
        }
        record(request, "AccessDenied", person ? principal.getName() : null, 403, null);
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "Your roles do not allow this action.");
    }

    private void record(HttpServletRequest request, String action, String actor, int status, String attemptedUser) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("channel", "ui");
        if (attemptedUser != null) {
            extra.put("attemptedUser", attemptedUser);
        }
        audit.refusal(request, action, actor, status, extra);
    }
}
