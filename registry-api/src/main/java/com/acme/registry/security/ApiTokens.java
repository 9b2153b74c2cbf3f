package com.acme.registry.security;

import com.acme.registry.sql.Rows;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * API tokens of machines (training pipelines, serving systems). A token is 256 random bits, shown once;
 * only its SHA-256 is stored, so checking one costs a hash and, at most every few seconds, an index lookup —
 * never a bcrypt. Serving systems send a token with every credit decision, so a known token is kept in memory
 * for {@link #REMEMBERED}: a revocation through this registry takes effect at once, one made elsewhere (another
 * instance, SQL) within that time. Expiry is checked on every request.
 */
@Repository
public class ApiTokens {

    static final String PREFIX = "mrt_";
    static final Duration REMEMBERED = Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Cache<String, ApiToken> known = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBERED).maximumSize(10_000).build();

    public ApiTokens(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record ApiToken(UUID id, String name, Set<Role> roles, String createdBy, Instant createdAt,
                           Instant expiresAt, Instant revokedAt, String revokedBy) {

        public boolean usableAt(Instant now) {
            return revokedAt == null && now.isBefore(expiresAt);
        }
    }

    /** The stored token and its secret, which is never stored and never shown again. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    public IssuedToken issue(String name, Set<Role> roles, Instant expiresAt, String createdBy) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UUID id = UUID.randomUUID();
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO api_token (id, name, token_hash, roles, created_by, expires_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
            ps.setObject(1, id);
            ps.setString(2, name);
            ps.setString(3, sha256(secret));
            ps.setArray(4, con.createArrayOf("varchar", roleNames));
            ps.setString(5, createdBy);
            ps.setTimestamp(6, Timestamp.from(expiresAt));
            return ps;
        });
        return new IssuedToken(find(id).orElseThrow(), secret);
    }

    public Optional<ApiToken> findBySecret(String secret) {
        String hash = sha256(secret);
        ApiToken remembered = known.getIfPresent(hash);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        Optional<ApiToken> stored = jdbc.query(SELECT + " WHERE token_hash = ?", this::map, hash).stream().findFirst();
        stored.filter(token -> token.revokedAt() == null).ifPresent(token -> known.put(hash, token));
        return stored;
    }

    public Optional<ApiToken> find(UUID id) {
        return jdbc.query(SELECT + " WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<ApiToken> list() {
        return jdbc.query(SELECT + " ORDER BY created_at DESC", this::map);
    }

    /** @return false when no such token exists or it was revoked before */
    public boolean revoke(UUID id, String revokedBy) {
        boolean revoked = jdbc.update("UPDATE api_token SET revoked_at = now(), revoked_by = ? WHERE id = ? "
                + "AND revoked_at IS NULL", revokedBy, id) == 1;
        known.asMap().values().removeIf(token -> token.id().equals(id));
        return revoked;
    }

    private static final String SELECT =
            "SELECT id, name, roles, created_by, created_at, expires_at, revoked_at, revoked_by FROM api_token";

    private ApiToken map(ResultSet rs, int row) throws SQLException {
        Array array = rs.getArray("roles");
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream((String[]) array.getArray()).map(Role::valueOf).forEach(roles::add);
        return new ApiToken(rs.getObject("id", UUID.class), rs.getString("name"), roles, rs.getString("created_by"),
                Rows.instant(rs, "created_at"), Rows.instant(rs, "expires_at"), Rows.instant(rs, "revoked_at"), rs.getString("revoked_by"));
    }

    static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
