package com.acme.registry.model;

import com.acme.registry.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** V13 gives the catalog rows of V12 the last-updated times their events would have given them. */
class LabelsMigrationTest {

    @Test
    void lastUpdatedTimesAreBackfilledFromTheLatestEventOfEachRow() {
        TestDatabase.Coordinates db = TestDatabase.fresh("v13_labels");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        migrate(dataSource, "12");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("""
                INSERT INTO catalog_model (name, owner_team, risk_tier, intended_use, status, registered_at, retired_at)
                VALUES ('active', 't', 'LOW', 'u', 'ACTIVE', '2026-01-01T10:00:00Z', NULL),
                       ('retired', 't', 'LOW', 'u', 'RETIRED', '2026-01-01T10:00:00Z', '2026-02-01T10:00:00Z')""");
        jdbc.update("""
                INSERT INTO catalog_version (model_name, version, artifact_uri, artifact_digest, status, registered_at,
                                             archived_at)
                VALUES ('active', 1, 's3://a', 'sha256:x', 'REGISTERED', '2026-01-02T10:00:00Z', NULL),
                       ('active', 2, 's3://b', 'sha256:y', 'ARCHIVED', '2026-01-03T10:00:00Z', '2026-03-01T10:00:00Z')""");

        migrate(dataSource, "latest");

        assertThat(at(jdbc, "SELECT last_updated_at FROM catalog_model WHERE name = 'active'"))
                .isEqualTo(OffsetDateTime.parse("2026-01-01T10:00:00Z"));
        assertThat(at(jdbc, "SELECT last_updated_at FROM catalog_model WHERE name = 'retired'"))
                .isEqualTo(OffsetDateTime.parse("2026-02-01T10:00:00Z"));
        assertThat(at(jdbc, "SELECT last_updated_at FROM catalog_version WHERE version = 1"))
                .isEqualTo(OffsetDateTime.parse("2026-01-02T10:00:00Z"));
        assertThat(at(jdbc, "SELECT last_updated_at FROM catalog_version WHERE version = 2"))
                .isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00Z"));
        // a version registered without its digest is storable now, in the catalog and in serving
        jdbc.update("""
                INSERT INTO catalog_version (model_name, version, artifact_uri, status, registered_at, last_updated_at)
                VALUES ('active', 3, 's3://c', 'REGISTERED', now(), now())""");
        jdbc.update("INSERT INTO serving_artifact (model_name, version, uri) VALUES ('active', 3, 's3://c')");
    }

    private static OffsetDateTime at(JdbcTemplate jdbc, String sql) {
        return jdbc.queryForObject(sql, OffsetDateTime.class).withOffsetSameInstant(java.time.ZoneOffset.UTC);
    }

    private static void migrate(javax.sql.DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }
}
