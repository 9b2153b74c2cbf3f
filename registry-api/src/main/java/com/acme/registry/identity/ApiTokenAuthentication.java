package com.acme.registry.identity;

import com.acme.registry.identity.ApiTokens;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated API token. Its name (prefixed {@code token:}) is the actor of what it does, and it acts for its
 * owner, a person; its authorities are its effective roles only ({@link ApiTokens.Presented#effectiveRoles()}).
 */
public final class ApiTokenAuthentication extends AbstractAuthenticationToken {

    private final ApiTokens.ApiToken token;
    private final String owner;

    public ApiTokenAuthentication(ApiTokens.Presented presented) {
        super(presented.effectiveRoles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
        this.token = presented.token();
        this.owner = presented.owner().username();
        setAuthenticated(true);
    }

    /** The person the token acts for. */
    public String owner() {
        return owner;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return token.id();
    }

    @Override
    public String getName() {
        return token.actor();
    }
}
