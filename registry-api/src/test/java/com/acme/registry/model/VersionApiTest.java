package com.acme.registry.model;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.registry.model.ModelApiTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

class VersionApiTest extends IntegrationTest {

    @Autowired
    ApiTokens tokens;

    private String model;
    private String versions;

    @BeforeEach
    void model() {
        model = uniqueName("versions");
        versions = "/api/v1/models/" + model + "/versions";
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
    }

    @Test
    void registersNumberedVersionsWithTheirEvidenceAndTheRegistrantFromTheLogin() {
        Map<String, Object> body = Samples.version();
        body.put("registeredBy", "mallory");

        Api.Response first = as("alice").post(versions, body);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo(versions + "/1");
        assertThat(first.json().path("version").asInt()).isEqualTo(1);

        Map<String, Object> second = Samples.version(0.9);
        second.put("parentVersion", 1);
        Api.Response created = as("bob").post(versions, second);
        assertThat(created.json().path("version").asInt()).isEqualTo(2);

        JsonNode v1 = as("rita").get(versions + "/1").json();
        assertThat(v1.path("registeredBy").asString()).isEqualTo("alice");
        assertThat(v1.path("artifactUri").asString()).isEqualTo(Samples.version().get("artifactUri"));
        assertThat(v1.path("artifactDigest").asString()).isEqualTo(Samples.DIGEST);
        assertThat(v1.path("artifactSizeBytes").asLong()).isEqualTo(48213);
        assertThat(v1.path("framework").asString()).isEqualTo("onnx");
        assertThat(v1.path("signature").path("inputs").get(0).path("name").asString()).isEqualTo("income");
        assertThat(v1.path("metrics").path("auc").asDouble()).isEqualTo(0.871);
        assertThat(v1.path("params").path("max_depth").asString()).isEqualTo("6");
        assertThat(v1.path("trainingRun").path("id").asString()).isEqualTo("run-8841");
        assertThat(v1.path("source").path("commit").asString()).isEqualTo("3f2c1a9");
        assertThat(v1.path("datasets").get(0).path("role").asString()).isEqualTo("training");
        assertThat(v1.path("features").size()).isEqualTo(2);
        assertThat(v1.path("status").asString()).isEqualTo("REGISTERED");
        JsonNode v2 = as("rita").get(versions + "/2").json();
        assertThat(v2.path("registeredBy").asString()).isEqualTo("bob");
        assertThat(v2.path("parentVersion").asInt()).isEqualTo(1);

        JsonNode model = as("rita").get("/api/v1/models/" + this.model).json();
        assertThat(model.path("latestVersion").asInt()).isEqualTo(2);
        assertThat(model.path("versionCount").asInt()).isEqualTo(2);
    }

    @Test
    void aGetRightAfterEach201Answers200() {
        // API tokens, not passwords: no bcrypt between the 201 and the GET to hide a lagging projection
        Api pipeline = withToken(tokens.issue(uniqueName("rw-pipeline"), Set.of(Role.ML_ENGINEER), "alice",
                Instant.now().plusSeconds(600), "test").secret());
        Api reader = withToken(tokens.issue(uniqueName("rw-reader"), Set.of(Role.READER), "alice",
                Instant.now().plusSeconds(600), "test").secret());
        for (int i = 0; i < 20; i++) {
            Api.Response created = pipeline.post(versions, Samples.version());
            assertThat(created.status()).isEqualTo(201);
            Api.Response read = reader.get(created.header("Location"));
            assertThat(read.status()).as("GET right after 201 #" + i).isEqualTo(200);
            Api.Response listed = reader.get("/api/v1/models/" + model);
            assertThat(listed.json().path("latestVersion").asInt()).isEqualTo(i + 1);
        }
        assertThat(as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt()).isEqualTo(20);
    }

    @Test
    void listsNewestFirstPagedAndFiltersOnAMetric() {
        double[] aucs = {0.70, 0.85, 0.80, 0.90};
        for (double auc : aucs) {
            as("alice").post(versions, Samples.version(auc));
        }
        assertThat(numbers(as("carla").get(versions))).containsExactly(4, 3, 2, 1);
        JsonNode page = as("carla").get(versions + "?size=3&page=1").json();
        assertThat(page.path("totalItems").asInt()).isEqualTo(4);
        assertThat(numbers(page)).containsExactly(1);
        assertThat(numbers(as("carla").get(versions + "?metric=auc&minValue=0.8"))).containsExactly(4, 3, 2);
        assertThat(numbers(as("carla").get(versions + "?metric=auc&minValue=0.8&maxValue=0.85")))
                .containsExactly(3, 2);
        assertThat(numbers(as("carla").get(versions + "?metric=gini&minValue=0"))).isEmpty();
        assertThat(fields(as("carla").get(versions + "?minValue=0.8"))).containsExactly("metric");
        assertThat(fields(as("carla").get(versions + "?metric=auc&minValue=high"))).containsExactly("minValue");
    }

    @Test
    void badEvidenceIsRefusedFieldByFieldAndNothingIsRegistered() {
        Map<String, Object> body = Samples.version();
        body.put("artifactDigest", "md5:abc");
        body.put("artifactUri", "not a uri");
        body.put("metrics", Map.of("auc", "high"));
        Api.Response typed = as("alice").post(versions, body);
        assertThat(fields(typed)).containsExactly("metrics.auc");

        body.put("metrics", Map.of("auc", 0.8));
        body.put("datasets", List.of(Map.of("name", "applications", "role", "train")));
        body.put("trainingRun", Map.of("id", "r1", "uri", "::bad"));
        Api.Response refused = as("alice").post(versions, body);
        assertThat(fields(refused)).containsExactlyInAnyOrder("artifactDigest", "artifactUri", "datasets[0].role",
                "trainingRun.uri");
        assertThat(refused.json().path("detail").asString()).contains("sha256:");

        Map<String, Object> orphan = Samples.version();
        orphan.put("parentVersion", 7);
        assertThat(fields(as("alice").post(versions, orphan))).containsExactly("parentVersion");

        Map<String, Object> wrongType = Samples.version();
        wrongType.put("features", "income");
        assertThat(fields(as("alice").post(versions, wrongType))).containsExactly("features");

        assertThat(as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, model)).isEqualTo(1);
    }

    @Test
    void malformedBodiesAre400NamingTheBodyOrTheField() {
        assertThat(fields(as("alice").post(versions, "[]"))).containsExactly("body");
        assertThat(fields(as("alice").post(versions, "{\"artifactUri\": ")) ).containsExactly("body");
        assertThat(fields(as("alice").post(versions, "{\"artifactSizeBytes\": 1e400}")))
                .containsExactly("artifactSizeBytes");
        Map<String, Object> nulls = Samples.version();
        nulls.put("datasets", java.util.Arrays.asList((Object) null));
        assertThat(fields(as("alice").post(versions, nulls))).containsExactly("datasets[0]");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstResultAndAddsNothing() {
        Api alice = as("alice").header("Idempotency-Key", "train-run-8841");
        Api.Response first = alice.post(versions, Samples.version());
        as("alice").post(versions, Samples.version());
        Api.Response retry = alice.post(versions, Samples.version());

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).isEqualTo(versions + "/1");
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.json().path("version").asInt()).isEqualTo(1);
        assertThat(as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt()).isEqualTo(2);

        Api.Response otherBody = alice.post(versions, Samples.version(0.5));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.header("Content-Type")).startsWith("application/problem+json");
        assertThat(otherBody.json().path("detail").asString()).contains("train-run-8841");
        assertThat(as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt()).isEqualTo(2);
    }

    @Test
    void anIdempotencyKeyBelongsToItsUser() {
        as("alice").header("Idempotency-Key", "shared-key").post(versions, Samples.version());
        Api.Response bobs = as("bob").header("Idempotency-Key", "shared-key").post(versions, Samples.version());
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().path("version").asInt()).isEqualTo(2);
    }

    @Test
    void archivingNeedsAReasonHappensOnceAndKeepsTheVersion() {
        as("alice").post(versions, Samples.version());
        assertThat(fields(as("alice").post(versions + "/1/archival", Map.of()))).containsExactly("reason");

        JsonNode archived = as("bob").post(versions + "/1/archival", Map.of("reason", "leaks a feature")).json();
        assertThat(archived.path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(archived.path("archivedBy").asString()).isEqualTo("bob");
        assertThat(archived.path("archiveReason").asString()).isEqualTo("leaks a feature");

        Api.Response twice = as("alice").post(versions + "/1/archival", Map.of("reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("rule").asString()).isEqualTo("version-archived");
        assertThat(as("alice").post(versions + "/9/archival", Map.of("reason", "x")).status()).isEqualTo(404);
        assertThat(numbers(as("alice").get(versions + "?status=ARCHIVED"))).containsExactly(1);
    }

    @Test
    void unknownVersionsAndModelsAre404AndBadNumbers400() {
        assertThat(as("alice").get(versions + "/1").status()).isEqualTo(404);
        assertThat(as("alice").get("/api/v1/models/nope-nope/versions").status()).isEqualTo(404);
        assertThat(as("alice").post("/api/v1/models/nope-nope/versions", Samples.version()).status()).isEqualTo(404);
        assertThat(fields(as("alice").get(versions + "/one"))).containsExactly("version");
    }

    private static List<Integer> numbers(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return numbers(response.json());
    }

    private static List<Integer> numbers(JsonNode page) {
        List<Integer> numbers = new ArrayList<>();
        page.path("items").forEach(v -> numbers.add(v.path("version").asInt()));
        return numbers;
    }
}
