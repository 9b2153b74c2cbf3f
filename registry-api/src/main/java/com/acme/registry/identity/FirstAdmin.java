package com.acme.registry.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/**
 * Creates the first ADMIN of a real deployment from {@code REGISTRY_ADMIN_USERNAME} and
 * {@code REGISTRY_ADMIN_PASSWORD}, only while no ADMIN exists; everyone else is managed through the API.
 */
@Component
public class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final String username;
    private final String password;
    private final UserAccounts users;
    private final PasswordPolicy passwordPolicy;
    private final JdbcTemplate jdbc;

    public FirstAdmin(@Value("${registry.admin.username:}") String username,
                      @Value("${registry.admin.password:}") String password,
                      UserAccounts users, PasswordPolicy passwordPolicy, JdbcTemplate jdbc) {
        this.username = username;
        this.password = password;
        this.users = users;
        this.passwordPolicy = passwordPolicy;
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isBlank()) {
            return;
        }
        Integer admins = jdbc.queryForObject("SELECT count(*) FROM app_user_role WHERE role = ?", Integer.class,
                Role.ADMIN.name());
        if (admins != null && admins > 0) {
            return;
        }
        List<String> broken = passwordPolicy.brokenRules(username, password);
        if (!broken.isEmpty()) {
            throw new IllegalStateException("REGISTRY_ADMIN_PASSWORD " + String.join("; ", broken)
                    + " (docs/security-accounts.md)");
        }
        users.createAtStartUp(username, password, Set.of(Role.ADMIN), "bootstrap", "REGISTRY_ADMIN_USERNAME");
        log.warn("Created the first ADMIN '{}' from REGISTRY_ADMIN_USERNAME; change its password through the API.",
                username);
    }
}
