package com.acme.registry.axon;

import com.acme.registry.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V9 moves the catalog, governance and serving groups' tokens to the one read-models group, or, where they do not stand
 * at the same position, empties their read models so that the new group rebuilds them.
 */
class ReadModelsGroupMigrationTest {

    private static final String TOKEN_TYPE = "org.axonframework.eventhandling.GapAwareTrackingToken";

    @Test
    void groupsAtTheSamePositionHandTheirTokenToTheReadModelsGroup() {
        JdbcTemplate jdbc = atVersion8("v9_same");
        String token = "{\"index\":41,\"gaps\":[39]}";
        token(jdbc, "catalog", token);
        token(jdbc, "governance", token);
        token(jdbc, "serving", token);
        token(jdbc, "audit", "{\"index\":41,\"gaps\":[]}");
        aCatalogModel(jdbc);

        migrate(jdbc);

        assertThat(tokens(jdbc)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "read-models", token, "audit", "{\"index\":41,\"gaps\":[]}"));
        assertThat(jdbc.queryForObject("SELECT owner IS NULL FROM token_entry WHERE processor_name = 'read-models'",
                Boolean.class)).as("the old group's claim is not carried over").isTrue();
        assertThat(catalogModels(jdbc)).as("the read models are kept").isEqualTo(1);
    }

    @Test
    void groupsAtDifferentPositionsLeaveReadModelsToBeRebuilt() {
        JdbcTemplate jdbc = atVersion8("v9_apart");
        token(jdbc, "catalog", "{\"index\":41,\"gaps\":[]}");
        token(jdbc, "governance", "{\"index\":40,\"gaps\":[]}");
        token(jdbc, "serving", "{\"index\":41,\"gaps\":[]}");
        token(jdbc, "audit", "{\"index\":41,\"gaps\":[]}");
        aCatalogModel(jdbc);

        migrate(jdbc);

        assertThat(tokens(jdbc)).containsOnlyKeys("audit");
        assertThat(catalogModels(jdbc)).as("emptied, to be replayed from the first event").isZero();
    }

    @Test
    void aMissingGroupTokenLeavesReadModelsToBeRebuilt() {
        JdbcTemplate jdbc = atVersion8("v9_missing");
        token(jdbc, "catalog", "{\"index\":41,\"gaps\":[]}");
        token(jdbc, "governance", "{\"index\":41,\"gaps\":[]}");
        aCatalogModel(jdbc);

        migrate(jdbc);

        assertThat(tokens(jdbc)).isEmpty();
        assertThat(catalogModels(jdbc)).isZero();
    }

    private static JdbcTemplate atVersion8(String purpose) {
        TestDatabase.Coordinates db = TestDatabase.fresh(purpose);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.user(), db.password());
        migrate(dataSource, "8");
        return new JdbcTemplate(dataSource);
    }

    private static void migrate(JdbcTemplate jdbc) {
        migrate(jdbc.getDataSource(), "latest");
    }

    private static void migrate(javax.sql.DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    private static void token(JdbcTemplate jdbc, String group, String json) {
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) "
                + "VALUES (?, 0, ?, ?, '2026-11-27T10:00:00Z', 'node-1')", group,
                json.getBytes(StandardCharsets.UTF_8), TOKEN_TYPE);
    }

    private static Map<String, String> tokens(JdbcTemplate jdbc) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT processor_name, token FROM token_entry");
        return rows.stream().collect(Collectors.toMap(row -> (String) row.get("processor_name"),
                row -> new String((byte[]) row.get("token"), StandardCharsets.UTF_8)));
    }

    private static void aCatalogModel(JdbcTemplate jdbc) {
        jdbc.update("INSERT INTO catalog_model (name, owner_team, risk_tier, intended_use, status, registered_at) "
                + "VALUES ('credit-limit', 'risk-ml', 'HIGH', 'limits', 'ACTIVE', now())");
    }

    private static int catalogModels(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM catalog_model", Integer.class);
    }
}
