package com.acme.registry.identity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.io.Serial;
import java.util.Collection;

/**
 * A signed-in person with the security stamp their account had when the password was checked: a session compares it
 * with the account's current stamp on every request (see {@link UserAccounts#isCurrent}).
 */
public class RegistryUser extends User {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long securityStamp;

    public RegistryUser(String username, String password, boolean enabled,
                        Collection<? extends GrantedAuthority> authorities, long securityStamp) {
        super(username, password, enabled, true, true, true, authorities);
        this.securityStamp = securityStamp;
    }

    public long securityStamp() {
        return securityStamp;
    }
}
