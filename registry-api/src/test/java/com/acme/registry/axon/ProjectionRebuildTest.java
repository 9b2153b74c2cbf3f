package com.acme.registry.axon;

import com.acme.registry.model.CatalogProjection;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog is a pure function of the event store: reset the processor's token and it rebuilds identically. */
class ProjectionRebuildTest extends IntegrationTest {

    @Autowired
    Configuration axon;
    @Autowired
    EventStoreHead eventStore;
    @Autowired
    ModelService models;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void resettingTheCatalogProcessorRebuildsIdenticalTables() throws Exception {
        String name = uniqueName("rebuild");
        String retired = uniqueName("rebuild-retired");
        Api alice = as("alice");
        Api bob = as("bob");
        assertThat(alice.post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/models/" + name + "/versions", Samples.version(0.81)).status()).isEqualTo(201);
        assertThat(bob.post("/api/v1/models/" + name + "/versions", Samples.version(0.84)).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/models/" + name + "/versions", Samples.version(0.79)).status()).isEqualTo(201);
        assertThat(bob.post("/api/v1/models/" + name + "/versions/2/archival", Map.of("reason", "leaky feature"))
                .status()).isEqualTo(200);
        assertThat(bob.post("/api/v1/models", Samples.model(retired)).status()).isEqualTo(201);
        assertThat(bob.post("/api/v1/models/" + retired + "/versions", Samples.version(0.7)).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/models/" + retired + "/retirement", Map.of("reason", "superseded")).status())
                .isEqualTo(200);

        // the MLflow door's events, which a replay applies in one batch with the registrations they change
        String labelled = uniqueName("rebuild-labelled");
        assertThat(bob.post("/api/v1/models", Samples.model(labelled)).status()).isEqualTo(201);
        models.registerVersionWithPartialEvidence(labelled, new VersionEvidence("s3://b/" + labelled, null, null, null,
                null, null, null, null, null, null, null, null, null, Map.of("mlflow.run", "r1")), "bob");
        assertThat(bob.post("/api/v1/models/" + labelled + "/versions", Samples.version(0.8)).status()).isEqualTo(201);
        models.setModelTag(labelled, "stage", "beta");
        models.setModelTag(labelled, "gone", "soon");
        models.deleteModelTag(labelled, "gone");
        models.changeModelDescription(labelled, "from MLflow");
        models.setVersionTag(labelled, 1, "note", "first");
        models.changeVersionDescription(labelled, 1, "partial at first");
        models.completeEvidence(labelled, 1, null, "sklearn");
        models.completeEvidence(labelled, 1, Samples.DIGEST, null);
        models.setAlias(labelled, "shadow", 1);
        models.setAlias(labelled, "canary", 2);
        models.setAlias(labelled, "shadow", 2);
        models.setAlias(labelled, "old", 1);
        models.archive(labelled, 1, "superseded"); // deletes the alias "old" too

        Map<String, List<Map<String, Object>>> before = catalogTables();
        assertThat(before.get("catalog_alias")).filteredOn(r -> labelled.equals(r.get("model_name")))
                .extracting(r -> r.get("alias") + "=" + r.get("version")).containsExactly("canary=2", "shadow=2");
        assertThat(rowOf(before.get("catalog_model"), labelled).get("description")).isEqualTo("from MLflow");
        Map<String, Object> model = rowOf(before.get("catalog_model"), name);
        assertThat(model.get("version_count")).isEqualTo(3);
        assertThat(model.get("latest_version")).isEqualTo(3);
        assertThat(rowOf(before.get("catalog_model"), retired).get("retired_by")).isEqualTo("alice");
        assertThat(before.get("catalog_version")).filteredOn(r -> name.equals(r.get("model_name")))
                .extracting(r -> r.get("archived_by")).containsExactly(null, "bob", null);

        StreamingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(CatalogProjection.GROUP, StreamingEventProcessor.class).orElseThrow();
        assertThat(processor.supportsReset()).isTrue();
        try {
            processor.shutDown();
            assertThat(processor.isRunning()).isFalse();
            processor.resetTokens();
            assertThat(count("catalog_model")).as("the reset handler emptied the catalog").isZero();
            assertThat(count("catalog_version")).isZero();
            assertThat(count("catalog_version_metric")).isZero();
            assertThat(count("catalog_alias")).isZero();
        } finally {
            processor.start();
        }

        long head = eventStore.head();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, List<Map<String, Object>>> after = catalogTables();
        while (!(caughtUp(processor, head) && after.equals(before)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            after = catalogTables();
        }
        assertThat(caughtUp(processor, head)).as("processor reached the event store head %d: %s", head,
                processor.processingStatus()).isTrue();
        assertThat(after).isEqualTo(before);
        assertThat(processor.isRunning()).isTrue();
        assertThat(processor.isError()).isFalse();

        // the rebuilt catalog serves the API as before
        JsonNode shown = as("rita").get("/api/v1/models/" + name).json();
        assertThat(shown.path("versionCount").asInt()).isEqualTo(3);
        assertThat(shown.path("latestVersion").asInt()).isEqualTo(3);
        assertThat(as("rita").get("/api/v1/models/" + name + "/versions/2").json().path("status").asString())
                .isEqualTo("ARCHIVED");
        // and keeps projecting new events after the replay
        assertThat(alice.post("/api/v1/models/" + name + "/versions", Samples.version(0.9)).json()
                .path("version").asInt()).isEqualTo(4);
        assertThat(as("rita").get("/api/v1/models/" + name).json().path("versionCount").asInt()).isEqualTo(4);
    }

    @Test
    void catalogTokenIsStoredAsBytea() {
        String columnType = jdbc.queryForObject("""
                SELECT data_type FROM information_schema.columns
                WHERE table_name = 'token_entry' AND column_name = 'token'""", String.class);
        assertThat(columnType).isEqualTo("bytea");

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT pg_typeof(token)::text AS stored_type, token, token_type FROM token_entry
                WHERE processor_name = ?""", CatalogProjection.GROUP);
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.get(0);
        assertThat(row.get("stored_type")).isEqualTo("bytea");
        assertThat(row.get("token")).isInstanceOf(byte[].class);
        byte[] token = (byte[]) row.get("token");
        assertThat(token).isNotEmpty();
        assertThat(Api.JSON.readTree(new String(token, StandardCharsets.UTF_8)).isObject())
                .as("token serialized as JSON by the Jackson serializer").isTrue();
        assertThat((String) row.get("token_type")).contains("Token");
    }

    private static boolean caughtUp(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> !s.isErrorState()
                && s.getCurrentPosition().isPresent() && s.getCurrentPosition().getAsLong() >= head);
    }

    private Map<String, List<Map<String, Object>>> catalogTables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        tables.put("catalog_model", rows("SELECT * FROM catalog_model ORDER BY name"));
        tables.put("catalog_version", rows("SELECT * FROM catalog_version ORDER BY model_name, version"));
        tables.put("catalog_version_metric",
                rows("SELECT * FROM catalog_version_metric ORDER BY model_name, version, metric"));
        tables.put("catalog_alias", rows("SELECT * FROM catalog_alias ORDER BY model_name, alias"));
        return tables;
    }

    /** Rows as plain maps; jsonb values (PGobject) as their text. */
    private List<Map<String, Object>> rows(String sql) {
        return jdbc.queryForList(sql).stream().map(row -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column,
                    value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")
                            ? value.toString() : value));
            return copy;
        }).toList();
    }

    private static Map<String, Object> rowOf(List<Map<String, Object>> models, String name) {
        return models.stream().filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow();
    }

    private int count(String table) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
        return count == null ? 0 : count;
    }
}
