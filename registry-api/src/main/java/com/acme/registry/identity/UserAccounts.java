package com.acme.registry.identity;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.StorableText;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * People who sign in with a password (bcrypt), and their roles. Every change to a password, an enabled flag or roles
 * is recorded through {@link SecurityAudit} in the change's own transaction, bumps the account's security stamp (which
 * ends its UI sessions on their next request) and, once committed, is published as {@link AccountChanged}.
 */
@Repository
public class UserAccounts {

    /** The actor of acts the registry does by itself at start-up (the first ADMIN, the demo users). */
    public static final String REGISTRY = "registry";

    private static final String COLUMNS = "username, password_hash, enabled, created_at, created_by, security_stamp";

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwordEncoder;
    private final SecurityAudit audit;
    private final ApplicationEventPublisher events;

    public UserAccounts(JdbcTemplate jdbc, PasswordEncoder passwordEncoder, SecurityAudit audit,
                        ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.events = events;
    }

    /** {@code securityStamp} changes with every change to the password, the enabled flag or the roles. */
    public record UserAccount(String username, String passwordHash, boolean enabled, Set<Role> roles,
                              Instant createdAt, String createdBy, long securityStamp) {
    }

    /**
     * An ADMIN creates a person; the ADMIN is the actor of the audit record.
     *
     * @return false when the username is taken
     */
    @Transactional
    public boolean create(String username, String password, Set<Role> roles, String admin) {
        return create(username, password, roles, admin, admin, Map.of());
    }

    /**
     * The registry creates a person by itself at start-up (actor {@value #REGISTRY}); {@code source} says why, e.g.
     * REGISTRY_ADMIN_USERNAME.
     *
     * @return false when the username is taken
     */
    @Transactional
    public boolean createAtStartUp(String username, String password, Set<Role> roles, String createdBy, String source) {
        return create(username, password, roles, createdBy, REGISTRY, Map.of("source", source));
    }

    private boolean create(String username, String password, Set<Role> roles, String createdBy, String actor,
                           Map<String, String> origin) {
        try {
            jdbc.update("INSERT INTO app_user (username, password_hash, created_by) VALUES (?, ?, ?)",
                    username, passwordEncoder.encode(password), createdBy);
        } catch (DuplicateKeyException e) {
            return false;
        }
        insertRoles(username, roles);
        Map<String, Object> details = new LinkedHashMap<>(origin);
        details.put("username", username);
        details.put("roles", sorted(roles));
        audit.act(actor, "UserCreated", details);
        publishAfterCommit(username);
        return true;
    }

    @Transactional
    public boolean replaceRoles(String username, Set<Role> roles, String admin) {
        if (!roles.contains(Role.ADMIN)) {
            refuseToRemoveLastAdmin(username);
        }
        // locked after the admins' lock, as setEnabled does, so that the previous roles recorded are the replaced ones
        jdbc.query("SELECT username FROM app_user WHERE username = ? FOR UPDATE", rs -> { }, username);
        Optional<UserAccount> account = find(username);
        if (account.isEmpty()) {
            return false;
        }
        jdbc.update("DELETE FROM app_user_role WHERE username = ?", username);
        insertRoles(username, roles);
        bumpStamp(username);
        audit.act(admin, "UserRolesChanged", Map.of("username", username,
                "previousRoles", sorted(account.get().roles()), "roles", sorted(roles)));
        publishAfterCommit(username);
        return true;
    }

    @Transactional
    public boolean changePassword(String username, String password, String admin) {
        if (jdbc.update("UPDATE app_user SET password_hash = ?, security_stamp = security_stamp + 1 WHERE username = ?",
                passwordEncoder.encode(password), username) != 1) {
            return false;
        }
        audit.act(admin, "UserPasswordReset", Map.of("username", username));
        publishAfterCommit(username);
        return true;
    }

    @Transactional
    public boolean setEnabled(String username, boolean enabled, String admin) {
        if (!enabled) {
            refuseToRemoveLastAdmin(username);
        }
        if (jdbc.update("UPDATE app_user SET enabled = ?, security_stamp = security_stamp + 1 WHERE username = ?",
                enabled, username) != 1) {
            return false;
        }
        audit.act(admin, enabled ? "UserEnabled" : "UserDisabled", Map.of("username", username));
        publishAfterCommit(username);
        return true;
    }

    /**
     * Whether a session that signed in with {@code securityStamp} may still act: the account exists, is enabled and
     * has not changed since. One primary-key lookup.
     */
    public boolean isCurrent(String username, long securityStamp) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM app_user WHERE username = ? AND enabled AND security_stamp = ?)",
                Boolean.class, username, securityStamp));
    }

    private void bumpStamp(String username) {
        jdbc.update("UPDATE app_user SET security_stamp = security_stamp + 1 WHERE username = ?", username);
    }

    /** Listeners (cached tokens of the owner, say) must not see a change that could still roll back. */
    private void publishAfterCommit(String username) {
        AccountChanged changed = new AccountChanged(username);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(changed);
                }
            });
        } else {
            events.publishEvent(changed);
        }
    }

    private static List<String> sorted(Set<Role> roles) {
        return roles.stream().map(Role::name).sorted().toList();
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
        return jdbc.query("SELECT " + COLUMNS + " FROM app_user WHERE username = ?", this::account, username)
                .stream().findFirst();
    }

    public List<UserAccount> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM app_user ORDER BY username", this::account);
    }

    private UserAccount account(ResultSet rs, int row) throws SQLException {
        return new UserAccount(rs.getString(1), rs.getString(2), rs.getBoolean(3), rolesOf(rs.getString(1)),
                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getLong(6));
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
