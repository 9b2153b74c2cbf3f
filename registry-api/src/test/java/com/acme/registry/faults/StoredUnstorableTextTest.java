package com.acme.registry.faults;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events stored before input was checked may hold text PostgreSQL refuses (a NUL, an unpaired surrogate). They are
 * written here straight into the event store, as copies of events the registry wrote with their payloads edited, and
 * must still be projected by both processing groups (stored as U+FFFD), with health UP, lag 0 and a valid audit chain.
 */
class StoredUnstorableTextTest extends IntegrationTest {

    private static final String FFFD = "\uFFFD";

    @Test
    void eventsWithNulAndUnpairedSurrogatesAlreadyStoredStillProject() {
        String model = uniqueName("poisoned");
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions", Samples.version()).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions/1/archival", Map.of("reason", "plain"))
                .status()).isEqualTo(200);

        // version 2, registered with a NUL in its description, a tag value (jsonb) and a metric name (text and jsonb)
        Map<String, Object> registered = storedEvent(model, 1);
        ObjectNode payload = (ObjectNode) Api.JSON.readTree((byte[]) registered.get("payload"));
        payload.put("version", 2);
        ObjectNode evidence = (ObjectNode) payload.path("evidence");
        evidence.put("description", "before\u0000after");
        evidence.putObject("tags").put("note", "a\u0000b");
        evidence.putObject("metrics").put("auc\u0000x", 0.9);
        long registeredAt = append(registered, 3, Api.JSON.writeValueAsBytes(payload));
        // then its archival with an unpaired surrogate and a NUL in the reason (a JSON escape Jackson reads as such)
        Map<String, Object> archived = storedEvent(model, 2);
        String json = new String((byte[]) archived.get("payload"), StandardCharsets.UTF_8)
                .replace("\"version\":1", "\"version\":2").replace("\"plain\"", "\"x\\u0000y\\ud800z\"");
        long archivedAt = append(archived, 4, json.getBytes(StandardCharsets.UTF_8));

        awaitProjected(archivedAt);

        Map<String, Object> version = jdbc.queryForMap("""
                SELECT description, tags ->> 'note' AS note, archive_reason, metrics::text AS metrics
                FROM catalog_version WHERE model_name = ? AND version = 2""", model);
        assertThat(version.get("description")).isEqualTo("before" + FFFD + "after");
        assertThat(version.get("note")).isEqualTo("a" + FFFD + "b");
        assertThat(version.get("archive_reason")).isEqualTo("x" + FFFD + "y" + FFFD + "z");
        assertThat((String) version.get("metrics")).contains("auc" + FFFD + "x");
        assertThat(jdbc.queryForObject("SELECT metric FROM catalog_version_metric WHERE model_name = ? AND version = 2",
                String.class, model)).isEqualTo("auc" + FFFD + "x");
        JsonNode shown = as("alice").get("/api/v1/models/" + model + "/versions/2").json();
        assertThat(shown.path("description").asString()).isEqualTo("before" + FFFD + "after");

        assertThat(jdbc.queryForObject("SELECT reason FROM audit_record WHERE position = ?", String.class, archivedAt))
                .isEqualTo("x" + FFFD + "y" + FFFD + "z");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE position IN (?, ?)", Long.class,
                registeredAt, archivedAt)).isEqualTo(2);
        JsonNode verification = as("carla").get("/api/v1/audit/verification").json();
        assertThat(verification.path("valid").asBoolean()).as(verification.toString()).isTrue();

        Api.Response health = as("adam").get("/actuator/health/projections");
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        as("adam").get("/api/v1/admin/read-models").json().path("groups").forEach(group -> {
            assertThat(group.path("error").asBoolean()).as(group.toString()).isFalse();
            assertThat(group.path("failure").isNull()).as(group.toString()).isTrue();
        });
        assertThat(as("alice").post("/api/v1/models", Samples.model(uniqueName("after-poison"))).status())
                .as("writes are answered at once again").isEqualTo(201);
    }

    /** The stored event of {@code model} with this sequence number, every column. */
    private Map<String, Object> storedEvent(String model, long sequence) {
        return jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                model, sequence);
    }

    /** Appends a copy of {@code original} with another sequence number and payload; answers its position. */
    private long append(Map<String, Object> original, long sequence, byte[] payload) {
        return jdbc.queryForObject("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                payload, payload_revision, payload_type, time_stamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index""", Long.class,
                original.get("aggregate_identifier"), sequence, original.get("type"), UUID.randomUUID().toString(),
                original.get("meta_data"), payload, original.get("payload_revision"), original.get("payload_type"),
                original.get("time_stamp"));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
