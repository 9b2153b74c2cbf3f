package com.acme.registry.ui.signin;

import com.acme.registry.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import java.util.List;

/**
 * After sign-in, back to the page that asked for it; otherwise each role's own start page: reviewers their
 * queue, compliance their views, engineers and admins the catalog.
 */
class RoleStartPage extends SavedRequestAwareAuthenticationSuccessHandler {

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
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) {
        return of(authentication);
    }
}
