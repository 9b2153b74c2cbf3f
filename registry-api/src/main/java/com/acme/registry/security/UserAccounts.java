package com.acme.registry.security;

import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.StorableText;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** People who sign in with a password (bcrypt), and their roles. */
@Repository
public class UserAccounts {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwordEncoder;

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
    }

    public record UserAccount(String username, String passwordHash, boolean enabled, Set<Role> roles,
                              Instant createdAt, String createdBy) {
    }

    /** @return false when the username is taken */
    @Transactional
    public boolean create(String username, String password, Set<Role> roles, String createdBy) {
        try {
            jdbc.update("INSERT INTO app_user (username, password_hash, created_by) VALUES (?, ?, ?)",
                    username, passwordEncoder.encode(password), createdBy);
        } catch (DuplicateKeyException e) {
            return false;
        }
        insertRoles(username, roles);
        return true;
    }

    @Transactional
    public boolean replaceRoles(String username, Set<Role> roles) {
        if (find(username).isEmpty()) {
            return false;
        }
        if (!roles.contains(Role.ADMIN)) {
            refuseToRemoveLastAdmin(username);
        }
        jdbc.update("DELETE FROM app_user_role WHERE username = ?", username);
        insertRoles(username, roles);
        return true;
    }

    public boolean changePassword(String username, String password) {
        return jdbc.update("UPDATE app_user SET password_hash = ? WHERE username = ?",
                passwordEncoder.encode(password), username) == 1;
    }

    @Transactional
    public boolean setEnabled(String username, boolean enabled) {
        if (!enabled) {
            refuseToRemoveLastAdmin(username);
        }
        return jdbc.update("UPDATE app_user SET enabled = ? WHERE username = ?", enabled, username) == 1;
    }

    /** Serialised by a transaction-scoped lock, so two admins cannot remove each other at once. */
    private void refuseToRemoveLastAdmin(String username) {
        jdbc.execute("SELECT pg_advisory_xact_lock(hashtext('app_user.admins'))");
        boolean isEnabledAdmin = find(username).map(u -> u.enabled() && u.roles().contains(Role.ADMIN)).orElse(false);
        Integer admins = jdbc.queryForObject("""
                SELECT count(*) FROM app_user u JOIN app_user_role r ON r.username = u.username
                WHERE u.enabled AND r.role = ?""", Integer.class, Role.ADMIN.name());
        if (isEnabledAdmin && admins != null && admins <= 1) {
            throw new RuleViolationException("last-admin", "'" + username + "' is the last enabled ADMIN; "
                    + "make someone else ADMIN first, or nobody could manage users and tokens any more.");
        }
    }

    public Optional<UserAccount> find(String username) {
        if (username == null || username.length() > 64 || !StorableText.isStorable(username, false)) {
            return Optional.empty(); // no such user could exist (app_user.username is varchar(64))
        }
        return jdbc.query("SELECT username, password_hash, enabled, created_at, created_by FROM app_user WHERE username = ?",
                (rs, n) -> new UserAccount(rs.getString(1), rs.getString(2), rs.getBoolean(3), rolesOf(rs.getString(1)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)),
                username).stream().findFirst();
    }

    public List<UserAccount> list() {
        return jdbc.query("SELECT username, password_hash, enabled, created_at, created_by FROM app_user ORDER BY username",
                (rs, n) -> new UserAccount(rs.getString(1), rs.getString(2), rs.getBoolean(3), rolesOf(rs.getString(1)),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5)));
    }

    private Set<Role> rolesOf(String username) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jdbc.query("SELECT role FROM app_user_role WHERE username = ?",
                rs -> {
                    roles.add(Role.valueOf(rs.getString(1)));
                }, username);
        return roles;
    }

    private void insertRoles(String username, Set<Role> roles) {
        for (Role role : roles) {
            jdbc.update("INSERT INTO app_user_role (username, role) VALUES (?, ?)", username, role.name());
        }
    }
}
