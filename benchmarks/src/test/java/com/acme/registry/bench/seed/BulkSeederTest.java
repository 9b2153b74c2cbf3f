package com.acme.registry.bench.seed;

import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BulkSeederTest {

    private final ObjectMapper json = Evidence.axonObjectMapper();
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();

    /**
     * The payload the running registry stored for the README's registration over HTTP (read from its
     * domain_event_entry): the bulk path's serializer must write exactly these bytes for the same event.
     */
    @Test
    void serialisesAnEventToTheBytesTheRegistryStores() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("auc", 0.87);
        metrics.put("ks", 0.52);
        VersionEvidence evidence = new VersionEvidence("s3://ml-artifacts/probe/1/model.onnx",
                "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 48213L, "onnx",
                new Signature(List.of(new SignatureField("income", "double")), List.of(new SignatureField("limit", "double"))),
                metrics, Map.of("max_depth", "6"), new TrainingRun("run-1", "https://mlflow.internal/runs/1"),
                new SourceRef("git@github.com:acme/credit-models.git", "3f2c1a9"),
                List.of(new DatasetRef("applications", "2026-11-01", "s3://data/applications/2026-11-01",
                        "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae", "training")),
                List.of("income", "utilization_90d"), null, "Monthly retrain", Map.of("team", "underwriting"));
        SerializedObject<byte[]> payload = serializer.serialize(
                new ModelVersionRegistered("probe-model", 1, evidence, "token:probe-writer"), byte[].class);
        assertThat(new String(payload.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"modelName\":\"probe-model\","
                + "\"version\":1,\"evidence\":{\"artifactUri\":\"s3://ml-artifacts/probe/1/model.onnx\","
                + "\"artifactDigest\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\","
                + "\"artifactSizeBytes\":48213,\"framework\":\"onnx\",\"signature\":{\"inputs\":[{\"name\":\"income\","
                + "\"type\":\"double\"}],\"outputs\":[{\"name\":\"limit\",\"type\":\"double\"}]},\"metrics\":{\"auc\":0.87,"
                + "\"ks\":0.52},\"params\":{\"max_depth\":\"6\"},\"trainingRun\":{\"id\":\"run-1\","
                + "\"uri\":\"https://mlflow.internal/runs/1\"},\"source\":{\"repository\":"
                + "\"git@github.com:acme/credit-models.git\",\"commit\":\"3f2c1a9\"},\"datasets\":[{\"name\":"
                + "\"applications\",\"version\":\"2026-11-01\",\"uri\":\"s3://data/applications/2026-11-01\","
                + "\"digest\":\"sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\","
                + "\"role\":\"training\"}],\"features\":[\"income\",\"utilization_90d\"],\"parentVersion\":null,"
                + "\"description\":\"Monthly retrain\",\"tags\":{\"team\":\"underwriting\"}},"
                + "\"registeredBy\":\"token:probe-writer\"}");
        assertThat(payload.getType().getName()).isEqualTo("com.acme.registry.model.ModelVersionRegistered");
        assertThat(payload.getType().getRevision()).isEqualTo("1");
    }

    @Test
    void aSeedModelIsItsRegistrationThenVersionsOneToN() {
        List<DomainEventMessage<?>> events = BulkSeeder.events(7, 2, 3, "token:bench-writer", "alice");
        assertThat(events).hasSize(8);
        assertThat(events).extracting(DomainEventMessage::getAggregateIdentifier).containsExactly(
                "seed-risk-analytics-000007", "seed-risk-analytics-000007", "seed-risk-analytics-000007", "seed-risk-analytics-000007",
                "seed-customer-care-000008", "seed-customer-care-000008", "seed-customer-care-000008", "seed-customer-care-000008");
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L, 3L, 0L, 1L, 2L, 3L);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo("RegisteredModel");
            assertThat(e.getMetaData()).containsOnlyKeys("actor", "actingFor", "correlationId", "requestedAt")
                    .containsEntry("actor", "token:bench-writer").containsEntry("actingFor", "alice");
        });
        ModelVersionRegistered v2 = (ModelVersionRegistered) events.get(2).getPayload();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.evidence().parentVersion()).isEqualTo(1);
        assertThat(v2.registeredBy()).isEqualTo("token:bench-writer");
    }

    @Test
    void seedEvidenceIsRealisticInSizeAndDeterministic() throws Exception {
        byte[] a = json.writeValueAsBytes(Evidence.version("seed-fraud-000002", 17, 16));
        byte[] b = json.writeValueAsBytes(Evidence.version("seed-fraud-000002", 17, 16));
        assertThat(a).isEqualTo(b);
        assertThat(a.length).isBetween(900, 3000);
        JsonNode evidence = json.readTree(a);
        assertThat(evidence.path("artifactDigest").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(evidence.path("source").path("commit").asText()).matches("[0-9a-f]{40}");
        assertThat(evidence.path("datasets").get(0).path("role").asText()).isEqualTo("training");
    }

    @Test
    void theShapeIgnoresFreeMapKeysButNotFieldNames() throws Exception {
        JsonNode one = json.readTree("{\"modelName\":\"m\",\"evidence\":{\"metrics\":{\"auc\":1},\"datasets\":[{\"name\":\"d\"}]}}");
        JsonNode other = json.readTree("{\"modelName\":\"n\",\"evidence\":{\"metrics\":{\"ks\":2,\"psi\":0},\"datasets\":[{\"name\":\"e\"}]}}");
        JsonNode renamed = json.readTree("{\"modelName\":\"n\",\"evidence\":{\"metrics\":{},\"datasets\":[{\"title\":\"e\"}]}}");
        JsonNode meta = json.readTree("{\"actor\":\"a\"}");
        String shape = EventShape.describe("RegisteredModel", "T", "1", one, meta);
        assertThat(EventShape.describe("RegisteredModel", "T", "1", other, meta)).isEqualTo(shape);
        assertThat(EventShape.describe("RegisteredModel", "T", "1", renamed, meta)).isNotEqualTo(shape);
        assertThat(EventShape.describe("RegisteredModel", "T", "2", one, meta)).isNotEqualTo(shape);
    }
}
