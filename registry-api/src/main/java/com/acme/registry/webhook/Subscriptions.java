package com.acme.registry.webhook;

import com.acme.registry.sql.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code webhook_subscription} table. A deleted subscription is kept (its delivery log stays) but not listed. */
@Repository
class Subscriptions {

    /** What a delivery needs: where, and the encrypted secret. */
    record Target(UUID id, String url, byte[] secretCiphertext, String secretKeyId) {
    }

    private static final RowMapper<Subscription> ROW = (rs, n) -> new Subscription(rs.getObject("id", UUID.class),
            rs.getString("name"), rs.getString("url"), strings(rs.getArray("event_types")),
            strings(rs.getArray("models")), strings(rs.getArray("environments")),
            Subscription.status(rs.getBoolean("enabled"), Rows.instant(rs, "failing_since")),
            rs.getBoolean("enabled"), Rows.instant(rs, "failing_since"), rs.getLong("start_position"),
            rs.getString("created_by"), Rows.instant(rs, "created_at"), rs.getString("updated_by"),
            Rows.instant(rs, "updated_at"));

    private final JdbcTemplate jdbc;

    Subscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    void insert(UUID id, String name, String url, List<String> types, List<String> models, List<String> environments,
                byte[] secret, String keyId, long startPosition, String admin, Instant at) {
        jdbc.update("""
                INSERT INTO webhook_subscription (id, name, url, event_types, models, environments, secret_ciphertext,
                    secret_key_id, start_position, created_by, created_at)
                VALUES (?, ?, ?, ?::text[], ?::text[], ?::text[], ?, ?, ?, ?, ?)""",
                id, name, url, PgArrays.text(types), PgArrays.text(models), PgArrays.text(environments), secret, keyId, startPosition, admin,
                Timestamp.from(at));
    }

    void update(UUID id, String name, String url, List<String> types, List<String> models, List<String> environments,
                boolean enabled, String admin, Instant at) {
        jdbc.update("""
                UPDATE webhook_subscription SET name = ?, url = ?, event_types = ?::text[], models = ?::text[],
                    environments = ?::text[], enabled = ?, updated_by = ?, updated_at = ?
                WHERE id = ? AND deleted_at IS NULL""",
                name, url, PgArrays.text(types), PgArrays.text(models), PgArrays.text(environments), enabled, admin, Timestamp.from(at), id);
    }

    void replaceSecret(UUID id, byte[] secret, String keyId, String admin, Instant at) {
        jdbc.update("""
                UPDATE webhook_subscription SET secret_ciphertext = ?, secret_key_id = ?, updated_by = ?, updated_at = ?
                WHERE id = ? AND deleted_at IS NULL""", secret, keyId, admin, Timestamp.from(at), id);
    }

    /** Clears the failing mark and un-pauses. */
    void resume(UUID id, String admin, Instant at) {
        jdbc.update("""
                UPDATE webhook_subscription SET enabled = true, failing_since = NULL, updated_by = ?, updated_at = ?
                WHERE id = ? AND deleted_at IS NULL""", admin, Timestamp.from(at), id);
    }

    /** True when it was not failing before. */
    boolean markFailing(UUID id, Instant at) {
        return jdbc.update("""
                UPDATE webhook_subscription SET failing_since = ? WHERE id = ? AND failing_since IS NULL""",
                Timestamp.from(at), id) == 1;
    }

    void delete(UUID id, String admin, Instant at) {
        jdbc.update("UPDATE webhook_subscription SET deleted_by = ?, deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                admin, Timestamp.from(at), id);
    }

    List<Subscription> list() {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE deleted_at IS NULL ORDER BY created_at, id", ROW);
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE id = ? AND deleted_at IS NULL", ROW, id).stream()
                .findFirst();
    }

    /** Locks the row until the caller's transaction ends (changes to one subscription are serial). */
    Optional<Subscription> lock(UUID id) {
        return jdbc.query("SELECT * FROM webhook_subscription WHERE id = ? AND deleted_at IS NULL FOR UPDATE", ROW, id)
                .stream().findFirst();
    }

    boolean nameTaken(String name, UUID except) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM webhook_subscription WHERE name = ? AND deleted_at IS NULL AND id <> ?)""",
                Boolean.class, name, except));
    }

    Optional<Target> target(UUID id) {
        return jdbc.query("""
                SELECT id, url, secret_ciphertext, secret_key_id FROM webhook_subscription
                WHERE id = ? AND deleted_at IS NULL""", (rs, n) -> new Target(rs.getObject("id", UUID.class),
                rs.getString("url"), rs.getBytes("secret_ciphertext"), rs.getString("secret_key_id")), id)
                .stream().findFirst();
    }

    /** Every subscription that gets deliveries queued (not deleted): read in a feed batch's transaction. */
    List<Subscription> receiving() {
        return list();
    }
}
