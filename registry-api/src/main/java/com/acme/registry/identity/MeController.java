package com.acme.registry.identity;

import com.acme.registry.identity.ApiTokenAuthentication;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Identity")
class MeController {

    /** {@code actingFor}: the owner an API token acts for; absent for a person. */
    public record Me(String name, List<String> roles, @JsonInclude(JsonInclude.Include.NON_NULL) String actingFor) {
    }

    @Operation(summary = "Who the registry takes you for, your roles, and for an API token the person it acts for")
    @GetMapping("/api/v1/me")
    public Me me(Authentication authentication) {
        return new Me(authentication.getName(), authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length())).sorted().toList(),
                authentication instanceof ApiTokenAuthentication token ? token.owner() : null);
    }
}
