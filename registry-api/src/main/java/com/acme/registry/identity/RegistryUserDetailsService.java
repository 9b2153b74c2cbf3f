package com.acme.registry.identity;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads people from PostgreSQL for HTTP Basic (on every request) and the UI's form sign-in. */
@Service
public class RegistryUserDetailsService implements UserDetailsService {

    private final UserAccounts accounts;

    public RegistryUserDetailsService(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccounts.UserAccount account = accounts.find(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return new RegistryUser(account.username(), account.passwordHash(), account.enabled(),
                account.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                account.securityStamp());
    }
}
