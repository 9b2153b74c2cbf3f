package com.acme.registry.lineage;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds release histories through the real HTTP API for the lineage and compliance tests (the governance
 * test base is package-private), and asserts their problem+json answers. Every model it creates is uniquely named.
 */
public abstract class HistoryIntegrationTest extends IntegrationTest {

    protected static final String PRODUCTION = "production";
    protected static final String STAGING = "staging";
    protected static final String REPORT = "https://validation.internal/reports/";
    protected static final List<String> EVERY_ROLE = List.of("alice", "bob", "rita", "ravi", "carla", "adam");

    protected static String modelPath(String model) {
        return "/api/v1/models/" + model;
    }

    /** A new model of the given tier, registered by alice. */
    protected String createModel(String prefix, String riskTier, String ownerTeam) {
        String name = uniqueName(prefix);
        Map<String, Object> body = Samples.model(name);
        body.put("riskTier", riskTier);
        body.put("ownerTeam", ownerTeam);
        ok(as("alice").post("/api/v1/models", body), 201);
        return name;
    }

    /** A dataset reference as a version's evidence names it. */
    protected static Map<String, Object> dataset(String name, String version, String role) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("version", version);
        d.put("uri", "s3://data/" + name + "/" + version);
        d.put("digest", digest(name + "@" + version));
        d.put("role", role);
        return d;
    }

    /** A stable, well-formed sha256 digest derived from a text. */
    protected static String digest(String text) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A version body with its own run, commit, artifact, datasets and parent. */
    protected static Map<String, Object> versionBody(String run, String commit, Integer parent,
                                                     List<Map<String, Object>> datasets) {
        Map<String, Object> body = Samples.version();
        body.put("artifactUri", "s3://ml-artifacts/" + run + "/model.onnx");
        body.put("artifactDigest", digest("artifact " + run));
        body.put("trainingRun", Map.of("id", run, "uri", "https://mlflow.internal/runs/" + run));
        body.put("source", Map.of("repository", "git@github.com:acme/credit-models.git", "commit", commit));
        body.put("datasets", datasets);
        body.put("features", List.of("income", "utilization_90d", "feature_" + run));
        if (parent != null) {
            body.put("parentVersion", parent);
        }
        return body;
    }

    protected int registerVersion(String model, String user, Map<String, Object> body) {
        return ok(as(user).post(modelPath(model) + "/versions", body), 201).path("version").asInt();
    }

    protected int request(String user, String model, int version, String environment, String justification) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("environment", environment);
        body.put("justification", justification);
        body.put("validationReportUri", REPORT + model + "/" + version);
        return ok(as(user).post(modelPath(model) + "/promotions", body), 201).path("requestNumber").asInt();
    }

    protected JsonNode approve(String reviewer, String model, int request, String comment) {
        return ok(as(reviewer).post(modelPath(model) + "/promotions/" + request + "/approvals",
                Map.of("comment", comment)), 200);
    }

    protected JsonNode startRollout(String model, String environment, int version, int percent) {
        return ok(as("alice").post(modelPath(model) + "/environments/" + environment + "/rollout",
                Map.of("version", version, "trafficPercent", percent)), 201);
    }

    protected JsonNode traffic(String model, String environment, int percent) {
        return ok(as("alice").post(modelPath(model) + "/environments/" + environment + "/rollout/traffic",
                Map.of("trafficPercent", percent)), 200);
    }

    protected JsonNode complete(String model, String environment) {
        return ok(as("alice").post(modelPath(model) + "/environments/" + environment + "/rollout/completion", null),
                200);
    }

    protected JsonNode rollBack(String user, String model, String environment, String reason) {
        return ok(as(user).post(modelPath(model) + "/environments/" + environment + "/rollback",
                Map.of("reason", reason)), 200);
    }

    protected JsonNode acknowledge(String reviewer, String model, int rollback, String comment) {
        return ok(as(reviewer).post(modelPath(model) + "/rollbacks/" + rollback + "/acknowledgement",
                Map.of("comment", comment)), 200);
    }

    /** Retires a model that still serves (its champion cannot be withdrawn), on purpose: whileServing. */
    protected JsonNode retireWhileServing(String user, String model, String reason) {
        return ok(as(user).post(modelPath(model) + "/retirement", Map.of("reason", reason, "whileServing", true)), 200);
    }

    protected static JsonNode ok(Api.Response response, int status) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        return response.json();
    }

    /** An instant strictly between the write before and the write after. */
    protected static Instant mark() {
        pause();
        Instant now = Instant.now();
        pause();
        return now;
    }

    protected static void pause() {
        try {
            Thread.sleep(15);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A problem+json answer of this status and type. */
    protected static JsonNode assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).as("type of %s", response)
                .isEqualTo("urn:model-registry:problem:" + type);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    protected static JsonNode assertNotFound(Api.Response response) {
        return assertProblem(response, 404, "not-found");
    }

    protected static JsonNode assertForbidden(Api.Response response) {
        return assertProblem(response, 403, "forbidden");
    }

    /** 400 invalid-input naming exactly {@code fields}, each also in the detail. */
    protected static JsonNode assertInvalidFields(Api.Response response, String... fields) {
        JsonNode problem = assertProblem(response, 400, "invalid-input");
        List<String> named = new ArrayList<>();
        problem.path("errors").forEach(e -> named.add(e.path("field").asString()));
        assertThat(named).as("fields named by %s", response).containsExactlyInAnyOrder(fields);
        for (String field : fields) {
            assertThat(problem.path("detail").asString()).contains(field);
        }
        return problem;
    }

    protected static List<JsonNode> items(JsonNode page) {
        List<JsonNode> values = new ArrayList<>();
        page.path("items").forEach(values::add);
        return values;
    }

    protected static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    protected static Instant instant(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : Instant.parse(node.asString());
    }
}
