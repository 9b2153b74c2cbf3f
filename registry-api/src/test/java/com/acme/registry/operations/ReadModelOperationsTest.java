package com.acme.registry.operations;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadModelOperationsTest extends IntegrationTest {

    private static final String READ_MODELS = """
            SELECT (SELECT string_agg(name || ':' || status || ':' || latest_version || ':' || version_count, ','
                                      ORDER BY name) FROM catalog_model)
                || '|' || (SELECT string_agg(model_name || ':' || version || ':' || status, ',' ORDER BY model_name, version)
                           FROM catalog_version)
                || '|' || coalesce((SELECT string_agg(model_name || ':' || request_number || ':' || status, ','
                                    ORDER BY model_name, request_number) FROM promotion_request), '')
                || '|' || coalesce((SELECT string_agg(model_name || ':' || environment || ':'
                                    || coalesce(champion_version, -1) || ':' || coalesce(candidate_version, -1), ','
                                    ORDER BY model_name, environment) FROM serving_state), '')
                || '|' || coalesce((SELECT count(*) FROM serving_interval), 0)""";

    @Test
    void aRebuildReplaysEveryReadModelToTheSameStateAndIsAudited() {
        String model = uniqueName("rebuilt");
        as("alice").post("/api/v1/models", Samples.model(model));
        as("alice").post("/api/v1/models/" + model + "/versions", Samples.version());
        as("alice").post("/api/v1/models/" + model + "/environments/staging/rollout",
                Map.of("version", 1, "trafficPercent", 100));
        String before = jdbc.queryForObject(READ_MODELS, String.class);
        long auditBefore = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE position IS NOT NULL", Long.class);

        Api.Response rebuilt = as("adam").post("/api/v1/admin/read-models/rebuild", null);

        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
        rebuilt.json().path("groups").forEach(g -> assertThat(g.path("lag").asLong()).isZero());
        assertThat(rebuilt.json().path("rebuild").path("running").asBoolean()).isFalse();
        assertThat(rebuilt.json().path("rebuild").path("startedBy").asString()).isEqualTo("adam");
        assertThat(jdbc.queryForObject(READ_MODELS, String.class)).isEqualTo(before);
        // nothing of the rebuild is left running or stored once it has switched
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = 'read-models-rebuild'",
                Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = 'read_models_rebuild'",
                Integer.class)).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.contains("[read-models-rebuild]"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE position IS NOT NULL", Long.class))
                .as("the audit log is not rebuilt").isEqualTo(auditBefore);
        JsonNode audited = as("carla").get("/api/v1/audit?action=ReadModelsRebuilt&actor=adam").json();
        assertThat(audited.path("totalItems").asInt()).isPositive();

        Api.Response write = as("alice").post("/api/v1/models/" + model + "/versions", Samples.version());
        assertThat(write.status()).isEqualTo(201);
        assertThat(as("alice").get(write.header("Location")).status()).isEqualTo(200);
        assertThat(as("alice").post("/api/v1/admin/read-models/rebuild", null).status()).isEqualTo(403);
    }

    @Test
    void freshnessIsVisibleToAdminsInTheApiHealthAndMetrics() {
        as("alice").post("/api/v1/models", Samples.model(uniqueName("fresh")));
        JsonNode freshness = as("adam").get("/api/v1/admin/read-models").json();
        List<String> groups = freshness.path("groups").findValuesAsString("group");
        assertThat(groups).containsExactly("read-models", "audit", "event-feed");
        freshness.path("groups").forEach(g -> {
            assertThat(g.path("running").asBoolean()).isTrue();
            assertThat(g.path("lag").asLong()).isZero();
        });
        assertThat(freshness.path("audit").path("eventsStored").asLong())
                .as("events without an audit record: %s", jdbc.queryForList("""
                        SELECT e.global_index, e.payload_type, e.aggregate_identifier, e.time_stamp
                        FROM domain_event_entry e
                        WHERE NOT EXISTS (SELECT 1 FROM audit_record a WHERE a.position = e.global_index)"""))
                .isEqualTo(freshness.path("audit").path("eventsRecorded").asLong());

        JsonNode health = as("adam").get("/actuator/health/projections").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        assertThat(health.path("details").path("read-models").path("lag").asLong()).isZero();
        assertThat(anonymous().get("/actuator/health").json().path("status").asString()).isEqualTo("UP");

        JsonNode lag = as("adam").get("/actuator/metrics/registry.projection.lag?tag=group:read-models").json();
        assertThat(lag.path("measurements").get(0).path("value").asDouble()).isZero();
    }

    @Test
    void anAuditLogThatMissesAnEventTurnsTheHealthDown() {
        as("alice").post("/api/v1/models", Samples.model(uniqueName("skipped")));
        long sequence = jdbc.queryForObject("SELECT max(sequence) FROM audit_record WHERE position IS NOT NULL",
                Long.class);
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM audit_record WHERE sequence = ?", sequence);
        jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
        try {
            jdbc.update("DELETE FROM audit_record WHERE sequence = ?", sequence);
            JsonNode health = as("adam").get("/actuator/health/projections").json();
            assertThat(health.path("status").asString()).isEqualTo("DOWN");
            assertThat(health.path("details").path("problem").asString()).contains("misses 1 event");
        } finally {
            jdbc.update("""
                    INSERT INTO audit_record (sequence, position, recorded_at, actor, action, model, version, environment,
                                              reason, correlation_id, details, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    row.get("sequence"), row.get("position"), row.get("recorded_at"), row.get("actor"),
                    row.get("action"), row.get("model"), row.get("version"), row.get("environment"), row.get("reason"),
                    row.get("correlation_id"), row.get("details"), row.get("previous_hash"), row.get("hash"));
            jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
        }
        assertThat(as("adam").get("/actuator/health/projections").json().path("status").asString()).isEqualTo("UP");
    }
}
