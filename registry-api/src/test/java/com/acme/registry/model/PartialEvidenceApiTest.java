package com.acme.registry.model;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;
import com.acme.registry.rollout.RolloutService;
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

import static com.acme.registry.support.ProblemAssertions.assertForbidden;
import static com.acme.registry.support.ProblemAssertions.assertInvalidField;
import static com.acme.registry.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version registered without digest and framework (the MLflow door) through every read model, its completion by
 * {@code POST …/evidence}, and the free aliases the catalog shows.
 */
class PartialEvidenceApiTest extends IntegrationTest {

    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

    @Autowired
    ModelService models;
    @Autowired
    RolloutService rollouts;
    @Autowired
    ApiTokens tokens;

    private String model;
    private String version1;

    @BeforeEach
    void partialVersion() {
        model = uniqueName("partial");
        version1 = "/api/v1/models/" + model + "/versions/1";
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        int version = models.registerVersionWithPartialEvidence(model, new VersionEvidence(
                "s3://ml-artifacts/" + model + "/model", null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of("mlflow.run", "run-1")), "alice");
        assertThat(version).isEqualTo(1);
    }

    @Test
    void everyReadModelStoresAPartialVersionAndCompletionFillsIt() {
        JsonNode partial = as("rita").get(version1).json();
        assertThat(partial.path("artifactDigest").isNull()).as(partial.toString()).isTrue();
        assertThat(partial.path("framework").isNull()).isTrue();
        assertThat(texts(partial.path("missingEvidence"))).containsExactly("artifactDigest", "framework");
        assertThat(partial.path("lastUpdatedAt").asString()).isEqualTo(partial.path("registeredAt").asString());
        assertThat(as("rita").get(version1 + "/lineage").status()).isEqualTo(200);
        assertThat(as("carla").get("/api/v1/compliance/models/" + model + "/history").status()).isEqualTo(200);

        assertThat(rollouts.makeChampion(model, "staging", 1)).isTrue();
        String staging = "/api/v1/models/" + model + "/environments/staging";
        JsonNode serving = as("rita").get(staging).json();
        assertThat(serving.path("champion").path("version").asInt()).as(serving.toString()).isEqualTo(1);
        assertThat(serving.path("champion").path("artifactDigest").isMissingNode()
                || serving.path("champion").path("artifactDigest").isNull()).isTrue();

        Api.Response completed = as("alice").post(version1 + "/evidence",
                Map.of("artifactDigest", Samples.DIGEST, "framework", "onnx"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("artifactDigest").asString()).isEqualTo(Samples.DIGEST);
        assertThat(completed.json().path("framework").asString()).isEqualTo("onnx");
        assertThat(completed.json().path("missingEvidence").isEmpty()).isTrue();
        assertThat(as("rita").get(staging).json().path("champion").path("artifactDigest").asString())
                .as("the cached serving state is not stale").isEqualTo(Samples.DIGEST);
        assertThat(jdbc.queryForObject("SELECT digest FROM serving_artifact WHERE model_name = ? AND version = 1",
                String.class, model)).isEqualTo(Samples.DIGEST);

        Api.Response sameAgain = as("alice").post(version1 + "/evidence", Map.of("artifactDigest", Samples.DIGEST));
        assertThat(sameAgain.status()).as("the same value again changes nothing").isEqualTo(200);
        JsonNode refused = assertProblem(as("alice").post(version1 + "/evidence",
                Map.of("artifactDigest", OTHER_DIGEST)), 409, "evidence-immutable");
        assertThat(refused.path("detail").asString()).contains("artifactDigest");
        assertThat(as("rita").get(version1).json().path("artifactDigest").asString()).isEqualTo(Samples.DIGEST);
    }

    @Test
    void badEvidenceIsRefusedNamingTheFieldAndOnlyEngineersMayComplete() {
        assertInvalidField(as("alice").post(version1 + "/evidence", Map.of("artifactDigest", "md5:abc")),
                "artifactDigest");
        assertInvalidField(as("alice").post(version1 + "/evidence", Map.of()), "artifactDigest");

        String path = version1 + "/evidence";
        Map<String, Object> body = Map.of("artifactDigest", Samples.DIGEST);
        assertForbidden(as("rita").post(path, body), "POST", path);
        Api reader = withToken(tokens.issue(uniqueName("reader"), Set.of(Role.READER), "alice",
                Instant.now().plusSeconds(600), "test").secret());
        assertForbidden(reader.post(path, body), "POST", path);
        assertThat(texts(as("rita").get(version1).json().path("missingEvidence")))
                .as("a refused request changes nothing").containsExactly("artifactDigest", "framework");
    }

    @Test
    void modelAndVersionShowTheirFreeAliases() {
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                .isEqualTo(201);
        models.setAlias(model, "shadow", 1);
        models.setAlias(model, "beta", 2);
        models.setAlias(model, "Canary", 2);

        JsonNode shown = as("rita").get("/api/v1/models/" + model).json();
        List<String> names = new ArrayList<>();
        shown.path("aliases").propertyNames().forEach(names::add);
        assertThat(names).containsExactly("Canary", "beta", "shadow");
        assertThat(shown.path("aliases").path("shadow").asInt()).isEqualTo(1);
        assertThat(shown.path("lastUpdatedAt").asString()).isNotEmpty();
        assertThat(texts(as("rita").get("/api/v1/models/" + model + "/versions/2").json().path("aliases")))
                .containsExactly("Canary", "beta");
        assertThat(texts(as("rita").get("/api/v1/models/" + model + "/versions").json().path("items").get(1)
                .path("aliases"))).containsExactly("shadow");
        assertThat(models.aliasVersion(model, "beta")).contains(2);

        models.deleteAlias(model, "beta");
        assertThat(models.aliasVersion(model, "beta")).isEmpty();
        assertThat(as("rita").get("/api/v1/models/" + model).json().path("aliases").has("beta")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asString()));
        return texts;
    }
}
