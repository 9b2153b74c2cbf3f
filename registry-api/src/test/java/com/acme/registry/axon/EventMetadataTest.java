package com.acme.registry.axon;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who, when and in which request: the metadata stored with every event. */
class EventMetadataTest extends IntegrationTest {

    private record StoredEvent(String payloadType, String payloadRevision, JsonNode payload, JsonNode metaData) {
    }

    @Test
    void eventCarriesTheAuthenticatedActorTheRequestIdAndTheTime() {
        String name = uniqueName("metadata");
        String requestId = "test-" + UUID.randomUUID();
        Map<String, Object> body = Samples.model(name);
        body.put("registeredBy", "mallory");
        Instant before = Instant.now();

        Api.Response response = as("alice").header("X-Request-Id", requestId).post("/api/v1/models", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(response.json().path("registeredBy").asString()).isEqualTo("alice");
        StoredEvent event = event(name, 0);
        assertThat(event.metaData().path("actor").asString()).isEqualTo("alice");
        assertThat(event.metaData().path("correlationId").asString()).isEqualTo(requestId);
        String requestedAt = event.metaData().path("requestedAt").asString();
        assertThat(requestedAt).endsWith("Z");
        assertThat(Instant.parse(requestedAt)).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(event.payload().path("registeredBy").asString()).as("the body's registeredBy is ignored")
                .isEqualTo("alice");
        assertThat(event.payload().path("modelName").asString()).isEqualTo(name);
        assertThat(event.payloadType()).isEqualTo(ModelRegistered.class.getName());
        assertThat(event.payloadRevision()).isEqualTo("1");
    }

    @Test
    void versionEventCarriesItsOwnRequestAndActor() {
        String name = uniqueName("metadata");
        assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);
        String requestId = "test-" + UUID.randomUUID();
        Map<String, Object> body = Samples.version();
        body.put("registeredBy", "mallory");

        Api.Response response = as("bob").header("X-Request-Id", requestId)
                .post("/api/v1/models/" + name + "/versions", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        StoredEvent event = event(name, 1);
        assertThat(event.payloadType()).isEqualTo(ModelVersionRegistered.class.getName());
        assertThat(event.payloadRevision()).isEqualTo("1");
        assertThat(event.payload().path("registeredBy").asString()).isEqualTo("bob");
        assertThat(event.metaData().path("actor").asString()).isEqualTo("bob");
        assertThat(event.metaData().path("correlationId").asString()).isEqualTo(requestId);
        assertThat(event(name, 0).metaData().path("correlationId").asString()).isNotEqualTo(requestId);
    }

    @Test
    void withoutARequestIdAGeneratedOneIsEchoedAndStored() {
        String name = uniqueName("metadata");

        Api.Response response = as("alice").post("/api/v1/models", Samples.model(name));

        assertThat(response.status()).isEqualTo(201);
        String generated = response.header("X-Request-Id");
        assertThat(generated).isNotBlank();
        assertThat(UUID.fromString(generated).toString()).isEqualTo(generated);
        assertThat(event(name, 0).metaData().path("correlationId").asString()).isEqualTo(generated);

        String other = uniqueName("metadata");
        String second = as("alice").post("/api/v1/models", Samples.model(other)).header("X-Request-Id");
        assertThat(second).as("a new id per request").isNotEqualTo(generated);
        assertThat(event(other, 0).metaData().path("correlationId").asString()).isEqualTo(second);
    }

    @Test
    void anApiTokensEventNamesTheTokenAsActorAndItsOwnerAsActingFor() {
        String tokenName = uniqueName("metadata-pipeline");
        Api.Response issued = as("adam").post("/api/v1/admin/tokens", Map.of("name", tokenName,
                "roles", List.of("ML_ENGINEER"), "owner", "bob", "validDays", 1));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        String name = uniqueName("metadata");

        Api.Response response = withToken(issued.json().path("secret").asString()).post("/api/v1/models",
                Samples.model(name));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode metaData = event(name, 0).metaData();
        assertThat(metaData.path("actor").asString()).isEqualTo("token:" + tokenName);
        assertThat(metaData.path("actingFor").asString()).isEqualTo("bob");
        assertThat(as("bob").post("/api/v1/models", Samples.model(name + "-b")).status()).isEqualTo(201);
        assertThat(event(name + "-b", 0).metaData().has("actingFor")).as("a person acts for nobody else").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"with spaces inside", "semi;colon", "quote\"d", "slash/ed", "<script>", "TOO_LONG"})
    void anUnsafeRequestIdIsReplacedByAGeneratedOne(String unsafe) {
        String requestId = unsafe.equals("TOO_LONG") ? "a".repeat(300) : unsafe;
        String name = uniqueName("metadata");

        Api.Response response = as("alice").header("X-Request-Id", requestId).post("/api/v1/models", Samples.model(name));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String replaced = response.header("X-Request-Id");
        assertThat(replaced).isNotEqualTo(requestId);
        assertThat(UUID.fromString(replaced).toString()).isEqualTo(replaced);
        assertThat(event(name, 0).metaData().path("correlationId").asString()).isEqualTo(replaced);
    }

    @Test
    void theLongestSafeRequestIdIsKept() {
        String requestId = "A-z_0.9:" + "x".repeat(120);
        assertThat(requestId).hasSize(128);
        String name = uniqueName("metadata");

        Api.Response response = as("alice").header("X-Request-Id", requestId).post("/api/v1/models", Samples.model(name));

        assertThat(response.header("X-Request-Id")).isEqualTo(requestId);
        assertThat(event(name, 0).metaData().path("correlationId").asString()).isEqualTo(requestId);
        String tooLong = requestId + "x";
        assertThat(as("alice").header("X-Request-Id", tooLong).get("/api/v1/models/" + name).header("X-Request-Id"))
                .isNotEqualTo(tooLong);
    }

    private StoredEvent event(String aggregate, long sequence) {
        return jdbc.queryForObject("""
                SELECT payload_type, payload_revision, payload, meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? AND sequence_number = ?""", (rs, n) -> new StoredEvent(
                rs.getString("payload_type"), rs.getString("payload_revision"),
                Api.JSON.readTree(new String(rs.getBytes("payload"), StandardCharsets.UTF_8)),
                Api.JSON.readTree(new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8))), aggregate, sequence);
    }
}
