package com.acme.registry.identity;

import com.acme.registry.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V11: existing tokens get their issuer as owner; tokens holding a human role, or without an owning person, are
 * revoked; names shared (in any letter case) are made unique, the oldest keeping the name.
 */
class TokenOwnerMigrationTest {

    @Test
    void existingTokensGetOwnersLoseHumanRolesAndUniqueNames() {
        TestDatabase.Coordinates db = TestDatabase.fresh("v11_tokens");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        migrate(dataSource, "9"); // the version before V11 on this branch
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO app_user (username, password_hash) VALUES ('adam', 'x'), ('rita', 'x')");
        token(jdbc, "ci-pipeline", "READER", "adam", "2026-01-01T10:00:00Z", false);
        token(jdbc, "CI-Pipeline", "ML_ENGINEER", "adam", "2026-01-03T10:00:00Z", false);
        token(jdbc, "ci-pipeline", "READER", "adam", "2026-01-02T10:00:00Z", true);
        token(jdbc, "ci-pipeline-2", "READER", "adam", "2025-12-01T10:00:00Z", false);
        token(jdbc, "reviewer-bot", "RISK_REVIEWER", "adam", "2026-01-04T10:00:00Z", false);
        token(jdbc, "old-admin-bot", "ADMIN", "adam", "2025-06-04T10:00:00Z", true);
        token(jdbc, "minted-by-token", "READER", "token:old-admin-bot", "2026-01-05T10:00:00Z", false);

        migrate(dataSource, "latest");

        Map<String, String> byCreation = jdbc.query("SELECT to_char(created_at AT TIME ZONE 'UTC', 'MM-DD') AS day, "
                        + "name, coalesce(owner, '-') AS owner, coalesce(revoked_by, '-') AS revoked_by FROM api_token",
                (rs, n) -> Map.entry(rs.getString("day"), rs.getString("name") + " | " + rs.getString("owner") + " | "
                        + rs.getString("revoked_by")))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(byCreation).containsExactlyInAnyOrderEntriesOf(Map.of(
                "01-01", "ci-pipeline | adam | -",
                "01-02", "ci-pipeline-3 | adam | earlier",
                "01-03", "CI-Pipeline-4 | adam | -",
                "12-01", "ci-pipeline-2 | adam | -",
                "01-04", "reviewer-bot | adam | registry:V11 human-only roles",
                "01-05", "minted-by-token | - | registry:V11 no owning person",
                "06-04", "old-admin-bot | adam | earlier"));

        assertThatThrownBy(() -> token(jdbc, "Reviewer-Bot", "READER", "adam", "2026-02-01T10:00:00Z", false))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE api_token SET owner = NULL WHERE name = 'ci-pipeline'"))
                .as("an active token has an owner").isInstanceOf(DataIntegrityViolationException.class);
    }

    private static void token(JdbcTemplate jdbc, String name, String role, String createdBy, String createdAt,
                              boolean revoked) {
        jdbc.update("INSERT INTO api_token (id, name, token_hash, roles, created_by, created_at, expires_at, revoked_at, "
                        + "revoked_by) VALUES (?, ?, ?, ARRAY[?]::varchar[], ?, ?::timestamptz, now() + interval '1 day', "
                        + "CASE WHEN ? THEN now() END, CASE WHEN ? THEN 'earlier' END)",
                UUID.randomUUID(), name, ApiTokens.sha256(UUID.randomUUID().toString()), role, createdBy, createdAt,
                revoked, revoked);
    }

    private static void migrate(javax.sql.DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }
}
