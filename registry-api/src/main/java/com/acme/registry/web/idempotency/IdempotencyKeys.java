package com.acme.registry.web.idempotency;

import com.acme.registry.validation.Violations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/** Idempotency-Key records: per principal, the hash of the first request and the resource it created. */
@Repository
public class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The longest key (the column is {@code varchar(200)}). */
    public static final int MAX_KEY_LENGTH = 200;

    /** A key is 1 to 200 characters of single-line text: no control characters, nothing a column cannot hold. */
    public static void validate(String key) {
        Violations v = new Violations();
        v.required(key, "Idempotency-Key", MAX_KEY_LENGTH);
        v.throwIfAny();
    }

    public record Stored(String requestHash, String resource) {
    }

    public Optional<Stored> find(String principal, String key) {
        return jdbc.query("SELECT request_hash, resource FROM idempotency_key WHERE principal = ? AND key = ?",
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2)), principal, key).stream().findFirst();
    }

    /** Must run in the transaction of the command it guards; a concurrent twin fails on the primary key. */
    public void record(String principal, String key, String requestHash, String resource) {
        jdbc.update("INSERT INTO idempotency_key (principal, key, request_hash, resource) VALUES (?, ?, ?, ?)",
                principal, key, requestHash, resource);
    }
}
