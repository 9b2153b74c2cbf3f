package com.acme.registry.security;

import com.acme.registry.identity.RegistryUser;
import com.acme.registry.identity.UserAccounts;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.web.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * A UI session lasts only while its account is as it was at sign-in: on every request the security stamp the session
 * signed in with is compared with the account's in the database (one primary-key lookup), so a disabled account, a
 * password reset or a role change made on any registry instance ends the session on its next request, before
 * authorization and before any controller: the request changes nothing and the browser is sent to sign in again.
 * Both chains that read the session use it: the web UI's and the API documentation's.
 */
public class SessionFollowsAccount extends OncePerRequestFilter {

    public static final String EXPIRED = "/login?expired";

    private final UserAccounts accounts;
    private final SecurityAudit audit;

    public SessionFollowsAccount(UserAccounts accounts, SecurityAudit audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        boolean current;
        try {
            // a principal of another kind (a session from before stamps existed) cannot show it is current
            current = authentication.getPrincipal() instanceof RegistryUser user
                    && accounts.isCurrent(user.getUsername(), user.securityStamp());
        } catch (DataAccessException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "The registry cannot reach its database right now; try again in a few seconds.");
            return;
        }
        if (current) {
            chain.doFilter(request, response);
            return;
        }
        end(request);
        audit.refusal(request, "SessionEnded", authentication.getName(), HttpServletResponse.SC_FOUND,
                Map.of("channel", "ui", "reason", "the account was disabled or its password or roles changed "
                        + "after this session signed in"));
        response.sendRedirect(request.getContextPath() + EXPIRED);
    }

    private static void end(HttpServletRequest request) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
