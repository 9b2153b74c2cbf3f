package com.acme.registry.ui.identity;

import com.acme.registry.identity.Role;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.DefaultSavedRequest;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import java.io.IOException;
import java.util.List;

/**
 * After sign-in, back to the page that asked for it; otherwise each role's own start page: reviewers their
 * queue, compliance their views, engineers and admins the catalog. Both by a relative redirect: a saved request's
 * own URL is absolute, built from the Host header of the request that asked.
 */
class RoleStartPage extends SavedRequestAwareAuthenticationSuccessHandler {

    /** The parameter by which HttpSessionRequestCache recognises the request it saved. */
    private static final String CONTINUE = "continue";

    private final HttpSessionRequestCache requestCache = new HttpSessionRequestCache();

    RoleStartPage() {
        requestCache.setMatchingRequestParameterName(CONTINUE);
        setRequestCache(requestCache);
    }

    static String of(Authentication user) {
        List<String> roles = user.getAuthorities().stream().map(a -> a.getAuthority()).toList();
        if (roles.contains(Role.RISK_REVIEWER.authority())) {
            return "/reviews";
        }
        if (roles.contains(Role.COMPLIANCE.authority())) {
            return "/compliance";
        }
        return "/catalog";
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        SavedRequest saved = requestCache.getRequest(request, response);
        if (!(saved instanceof DefaultSavedRequest asked)) {
            super.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        clearAuthenticationAttributes(request);
        String query = asked.getQueryString();
        // the path as asked (context path included), its query and the request cache's marker, as Spring's own
        // redirect to a saved request has them
        response.sendRedirect(response.encodeRedirectURL(asked.getRequestURI() + "?"
                + (query == null ? "" : query + "&") + CONTINUE));
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) {
        return of(authentication);
    }
}
