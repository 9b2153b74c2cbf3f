package com.acme.registry.axon;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events are stored data. The fixture is one model's stream exactly as the registry stored it before issue 14
 * split {@code com.acme.registry.governance} into promotion and rollout: every one of the ten governance event
 * types under its old type name. Appended to the store under a fresh model name, it must load into the aggregate
 * (a command that depends on that history is decided by it) and project into every read model.
 */
class StoredTypeNamesTest extends IntegrationTest {

    private static final String FIXTURE = "/stored/governance-stream-before-issue-14.jsonl";
    private static final String RECORDED_AS = "compat-emergency";

    @Test
    void eventsStoredUnderTheOldGovernanceTypeNamesLoadAndProject() throws IOException {
        List<JsonNode> rows = fixture();
        assertThat(rows.stream().map(r -> r.path("payloadType").asString())
                .filter(type -> type.startsWith("com.acme.registry.governance.")).distinct())
                .as("the fixture holds every renamed type under its old name")
                .hasSize(RenamedEventTypes.RENAMED.size())
                .allMatch(RenamedEventTypes.RENAMED::containsKey);

        String model = uniqueName("stored-names");
        long last = 0;
        for (JsonNode row : rows) {
            last = append(model, row);
        }
        awaitProjected(last);

        JsonNode production = as("alice").get("/api/v1/models/" + model + "/environments/production").json();
        assertThat(production.path("champion").path("version").asInt()).as(production.toString()).isEqualTo(1);
        JsonNode staging = as("alice").get("/api/v1/models/" + model + "/environments/staging").json();
        assertThat(staging.path("serving").asBoolean()).as("the staging rollout was aborted: %s", staging).isFalse();
        JsonNode rejected = as("alice").get("/api/v1/models/" + model + "/promotions/3").json();
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectedBy").asString()).isEqualTo("ravi");
        JsonNode granted = as("alice").get("/api/v1/models/" + model + "/promotions/2").json();
        assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
        assertThat(granted.path("approvals").get(0).path("approvedBy").asString()).isEqualTo("rita");
        JsonNode rollback = as("alice").get("/api/v1/models/" + model + "/rollbacks").json().path("items").get(0);
        assertThat(rollback.path("emergency").asBoolean()).isTrue();
        assertThat(rollback.path("acknowledgedBy").asString()).isEqualTo("rita");
        assertThat(auditedActions(model)).containsAll(Set.of("PromotionRequested", "PromotionApproved",
                "PromotionGranted", "PromotionRejected", "RolloutStarted", "RolloutTrafficChanged", "RolloutCompleted",
                "RolloutAborted", "RolledBack", "RollbackAcknowledged"));

        // the aggregate sourced the old names: the staging grant of request #4 lets a rollout start (without it the
        // answer is not-approved), and rollback #1 is known as acknowledged (without it: 404)
        Api.Response started = as("alice").post("/api/v1/models/" + model + "/environments/staging/rollout",
                Map.of("version", 2, "trafficPercent", 10));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().path("candidate").path("version").asInt()).isEqualTo(2);
        Api.Response again = as("ravi").post("/api/v1/models/" + model + "/rollbacks/1/acknowledgement",
                Map.of("comment", "a second look"));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().path("rule").asString()).isEqualTo("rollback-acknowledged");
    }

    private Set<String> auditedActions(String model) {
        Set<String> actions = new TreeSet<>();
        as("carla").get("/api/v1/audit?model=" + model + "&size=100").json().path("items")
                .forEach(record -> actions.add(record.path("action").asString()));
        return actions;
    }

    private long append(String model, JsonNode row) {
        String payload = row.path("payload").asString()
                .replace("\"modelName\":\"" + RECORDED_AS + "\"", "\"modelName\":\"" + model + "\"");
        return jdbc.queryForObject("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                payload, payload_revision, payload_type, time_stamp)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING global_index""", Long.class,
                model, row.path("sequenceNumber").asLong(), row.path("type").asString(), UUID.randomUUID().toString(),
                row.path("metaData").asString().getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), row.path("payloadRevision").asString(),
                row.path("payloadType").asString(), row.path("timeStamp").asString());
    }

    private static List<JsonNode> fixture() throws IOException {
        try (InputStream in = StoredTypeNamesTest.class.getResourceAsStream(FIXTURE)) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    rows.add(Api.JSON.readTree(line));
                }
            }
            return rows;
        }
    }
}
