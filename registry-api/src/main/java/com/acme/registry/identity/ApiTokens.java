package com.acme.registry.identity;

import com.acme.registry.sql.Rows;
import com.acme.registry.validation.RuleViolationException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * API tokens of machines (training pipelines, serving systems), each acting for an owning person. A token is 256
 * random bits, shown once; only its SHA-256 is stored, so checking one costs a hash and, at most every few seconds,
 * one indexed query that reads the token and its owner's account together — never a bcrypt. Serving systems send a
 * token with every credit decision, so a known token and its owner's state are kept in memory for
 * {@link #REMEMBERED}: a revocation, or a change of the owner's account, through this registry takes effect at once
 * (the entries are evicted); one made elsewhere (another instance, SQL) within that time. Expiry is checked on every
 * request.
 */
@Repository
public class ApiTokens {

    public static final String PREFIX = "mrt_";
    static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Cache<String, Presented> known = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED).maximumSize(10_000).build();
    /** Counts evictions, so that a lookup racing with one does not put back what was just evicted. */
    private final AtomicLong evictions = new AtomicLong();

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored token; {@code owner} is null only for tokens revoked by the upgrade that introduced owners. */
    public record ApiToken(UUID id, String name, Set<Role> roles, String owner, String createdBy, Instant createdAt,
                           Instant expiresAt, Instant revokedAt, String revokedBy) {

        public boolean usableAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }

        /** The actor of everything the token does. */
        public String actor() {
            return actorOf(name);
        }
    }

    /** The owner's account as it stands: a missing account is not enabled and has no roles. */
    public record Owner(String username, boolean enabled, Set<Role> roles) {
    }

    /** A token presented with a request, and its owner's account. */
    public record Presented(ApiToken token, Owner owner) {

        /** Usable now, and its owner an enabled person. */
        public boolean usableAt(Instant now) {
            return token.usableAt(now) && owner != null && owner.enabled();
        }

        /**
         * What the token may do now: its machine roles that its owner holds too; READER needs no owner's role. A
         * human role in the stored row (written behind the registry's back) is never granted.
         */
        public Set<Role> effectiveRoles() {
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role role : token.roles()) {
                if (role.machineRole() && (role == Role.READER || (owner != null && owner.roles().contains(role)))) {
                    roles.add(role);
                }
            }
            return roles;
        }
    }

    /** The stored token and its secret, which is never stored and never shown again. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    public static String actorOf(String tokenName) {
        return "token:" + tokenName;
    }

    /**
     * Stores a new token. The caller has checked the name, the roles and the owner.
     *
     * @throws RuleViolationException {@code token-name-taken} when any token, revoked ones included, has the name in
     *                                any letter case
     */
    public IssuedToken issue(String name, Set<Role> roles, String owner, Instant expiresAt, String createdBy) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        try {
            jdbc.update(con -> {
                var ps = con.prepareStatement("INSERT INTO api_token (id, name, token_hash, roles, owner, created_by, "
                        + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
                ps.setObject(1, id);
                ps.setString(2, name);
                ps.setString(3, sha256(secret));
                ps.setArray(4, con.createArrayOf("varchar", roleNames));
                ps.setString(5, owner);
                ps.setString(6, createdBy);
                ps.setTimestamp(7, Timestamp.from(expiresAt));
                return ps;
            });
        } catch (DuplicateKeyException e) {
            throw new RuleViolationException("token-name-taken", "An API token named '" + name + "' (in any letter "
                    + "case) was issued before; a token's name is its actor in the history, so it is never reused, "
                    + "even after revocation. Choose another name.");
        }
        return new IssuedToken(find(id).orElseThrow(), secret);
    }

    /** The token presented with a request and its owner's account; from memory when it was looked up recently. */
    public Optional<Presented> findBySecret(String secret) {
        String hash = sha256(secret);
        Presented remembered = known.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        long evictionsBefore = evictions.get();
        Optional<Presented> stored = jdbc.query(PRESENTED, this::mapPresented, hash).stream().findFirst();
        stored.filter(p -> p.token().revokedAt() == null).ifPresent(p -> {
            known.put(hash, p);
            if (evictions.get() != evictionsBefore) {
                known.invalidate(hash); // an eviction ran meanwhile: what was read may be what it evicted
            }
        });
        return stored;
    }

    public Optional<ApiToken> find(UUID id) {
        return jdbc.query(SELECT + " WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<ApiToken> list() {
        return jdbc.query(SELECT + " ORDER BY created_at DESC", this::map);
    }

    /**
     * The actors ({@code token:NAME}) of every token the person owns or ever owned, revoked and expired ones included:
     * segregation of duties treats what these did as the person's own acts.
     */
    public Set<String> actorsOwnedBy(String username) {
        return new LinkedHashSet<>(jdbc.queryForList("SELECT name FROM api_token WHERE owner = ? ORDER BY name",
                String.class, username).stream().map(ApiTokens::actorOf).toList());
    }

    /** @return false when no such token exists or it was revoked before */
    public boolean revoke(UUID id, String revokedBy) {
        boolean revoked = jdbc.update("UPDATE api_token SET revoked_at = now(), revoked_by = ? WHERE id = ? "
                + "AND revoked_at IS NULL", revokedBy, id) == 1;
        evictAfterCommit(p -> p.token().id().equals(id));
        return revoked;
    }

    /** The owner's next request through any of their tokens reads their account again. */
    @EventListener
    public void on(AccountChanged changed) {
        evict(p -> p.token().owner() != null && p.token().owner().equals(changed.username()));
    }

    /**
     * Inside a transaction, after it ends: evicting before the commit would let a request read the token as it was and
     * remember it for another {@link #REMEMBERED}.
     */
    private void evictAfterCommit(Predicate<Presented> which) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            evict(which);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                evict(which);
            }
        });
    }

    private void evict(Predicate<Presented> which) {
        evictions.incrementAndGet();
        known.asMap().values().removeIf(which);
    }

    private static final String COLUMNS =
            "t.id, t.name, t.roles, t.owner, t.created_by, t.created_at, t.expires_at, t.revoked_at, t.revoked_by";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM api_token t";
    private static final String PRESENTED = "SELECT " + COLUMNS + ", u.enabled AS owner_enabled, "
            + "ARRAY(SELECT r.role FROM app_user_role r WHERE r.username = t.owner) AS owner_roles "
            + "FROM api_token t LEFT JOIN app_user u ON u.username = t.owner WHERE t.token_hash = ?";

    private ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), roles(rs.getArray("roles")),
                rs.getString("owner"), rs.getString("created_by"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "expires_at"), Rows.instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    private Presented mapPresented(ResultSet rs, int row) throws SQLException {
        ApiToken token = map(rs, row);
        if (token.owner() == null) {
            return new Presented(token, null);
        }
        return new Presented(token, new Owner(token.owner(), rs.getBoolean("owner_enabled"),
                roles(rs.getArray("owner_roles"))));
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return roles;
    }

    public static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
