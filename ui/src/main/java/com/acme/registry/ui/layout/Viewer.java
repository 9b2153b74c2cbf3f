package com.acme.registry.ui.layout;

import com.acme.registry.identity.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

/** Who is looking at a page, and so which navigation and actions it offers. */
public record Viewer(String name, List<String> roles) {

    static final Viewer ANONYMOUS = new Viewer(null, List.of());

    public static Viewer of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || "anonymousUser".equals(authentication.getPrincipal())) {
            return ANONYMOUS;
        }
        return new Viewer(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .sorted().toList());
    }

    public boolean signedIn() {
        return name != null;
    }

    public boolean engineer() {
        return roles.contains(Role.ML_ENGINEER.name());
    }

    public boolean reviewer() {
        return roles.contains(Role.RISK_REVIEWER.name());
    }

    public boolean compliance() {
        return roles.contains(Role.COMPLIANCE.name()) || admin();
    }

    public boolean admin() {
        return roles.contains(Role.ADMIN.name());
    }
}
