package com.acme.registry.support;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps of the governance workflow through the real HTTP API, and assertions on its problem+json answers.
 * Shares the one Spring context of {@link IntegrationTest}; every model and user it creates is uniquely named.
 */
public abstract class GovernanceIntegrationTest extends IntegrationTest {

    protected static final String PROBLEM_JSON = "application/problem+json";
    protected static final String PRODUCTION = "production";
    protected static final String STAGING = "staging";
    protected static final String REPORT = "https://validation.internal/reports/";

    // ---- paths ----

    protected static String modelPath(String model) {
        return "/api/v1/models/" + model;
    }

    protected static String promotions(String model) {
        return modelPath(model) + "/promotions";
    }

    protected static String promotion(String model, int request) {
        return promotions(model) + "/" + request;
    }

    protected static String environment(String model, String environment) {
        return modelPath(model) + "/environments/" + environment;
    }

    // ---- catalog ----

    /** A new model of the given risk tier, registered by alice. */
    protected String createModel(String prefix, String riskTier) {
        String name = uniqueName(prefix);
        Map<String, Object> body = Samples.model(name);
        body.put("riskTier", riskTier);
        Api.Response created = as("alice").post("/api/v1/models", body);
        assertThat(created.status()).as("register model: %s", created).isEqualTo(201);
        assertThat(created.json().path("riskTier").asString()).isEqualTo(riskTier);
        return name;
    }

    /** Registers the next version as {@code user}; answers its number. */
    protected int registerVersion(String model, String user) {
        return registerVersion(model, as(user));
    }

    protected int registerVersion(String model, Api api) {
        Api.Response created = api.post(modelPath(model) + "/versions", Samples.version());
        assertThat(created.status()).as("register version: %s", created).isEqualTo(201);
        return created.json().path("version").asInt();
    }

    protected int registerVersion(String model) {
        return registerVersion(model, "alice");
    }

    /** A new user, created by adam, with the given roles and the password "demo". */
    protected String createUser(String prefix, List<String> roles) {
        String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = as("adam").post("/api/v1/admin/users",
                Map.of("username", username, "password", "demo-pass-123", "roles", roles));
        assertThat(created.status()).as("create user: %s", created).isEqualTo(201);
        return username;
    }

    protected Api asUser(String username) {
        return Api.basic(port, username, "demo-pass-123");
    }

    /** A new ML engineer who then gets RISK_REVIEWER as well through adam's role API. */
    protected String createEngineerAndReviewer(String prefix) {
        String username = createUser(prefix, List.of("ML_ENGINEER"));
        Api.Response changed = as("adam").put("/api/v1/admin/users/" + username + "/roles",
                Map.of("roles", List.of("ML_ENGINEER", "RISK_REVIEWER")));
        assertThat(changed.status()).as("grant roles: %s", changed).isEqualTo(200);
        assertThat(texts(changed.json().path("roles"))).containsExactlyInAnyOrder("ML_ENGINEER", "RISK_REVIEWER");
        assertThat(texts(asUser(username).get("/api/v1/me").json().path("roles")))
                .containsExactlyInAnyOrder("ML_ENGINEER", "RISK_REVIEWER");
        return username;
    }

    // ---- promotions ----

    protected static Map<String, Object> promotionBody(int version, String environment) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("environment", environment);
        body.put("justification", "AUC up on the November holdout; challenger beat the champion in shadow mode");
        body.put("validationReportUri", REPORT + version);
        return body;
    }

    protected Api.Response requestPromotion(Api api, String model, int version, String environment) {
        return api.post(promotions(model), promotionBody(version, environment));
    }

    /** alice requests promotion; answers the request number. */
    protected int request(String model, int version, String environment) {
        return request(as("alice"), model, version, environment);
    }

    protected int request(Api api, String model, int version, String environment) {
        Api.Response created = requestPromotion(api, model, version, environment);
        assertThat(created.status()).as("request promotion: %s", created).isEqualTo(201);
        int number = created.json().path("requestNumber").asInt();
        assertThat(created.header("Location")).isEqualTo(promotion(model, number));
        return number;
    }

    protected Api.Response approve(Api api, String model, int request, String comment) {
        return api.post(promotion(model, request) + "/approvals", Map.of("comment", comment));
    }

    protected JsonNode approveOk(String reviewer, String model, int request, String comment) {
        Api.Response approved = approve(as(reviewer), model, request, comment);
        assertThat(approved.status()).as("approval by %s: %s", reviewer, approved).isEqualTo(200);
        return approved.json();
    }

    /** Requests production for {@code version} (alice) and approves it by as many reviewers as its tier needs. */
    protected int grantProduction(String model, int version, String riskTier) {
        int number = request(model, version, PRODUCTION);
        JsonNode after = approveOk("rita", model, number, "Reviewed by rita: v" + version);
        if ("HIGH".equals(riskTier)) {
            after = approveOk("ravi", model, number, "Reviewed by ravi: v" + version);
        }
        assertThat(after.path("status").asString()).as("%s", after).isEqualTo("GRANTED");
        return number;
    }

    protected JsonNode promotionView(String model, int request) {
        Api.Response response = as("carla").get(promotion(model, request));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    // ---- serving ----

    protected Api.Response startRollout(Api api, String model, String environment, int version, int percent) {
        return api.post(environment(model, environment) + "/rollout",
                Map.of("version", version, "trafficPercent", percent));
    }

    protected JsonNode startRolloutOk(String model, String environment, int version, int percent) {
        Api.Response started = startRollout(as("alice"), model, environment, version, percent);
        assertThat(started.status()).as("start rollout: %s", started).isEqualTo(201);
        assertThat(started.header("Location")).isEqualTo(environment(model, environment));
        return started.json();
    }

    protected Api.Response traffic(Api api, String model, String environment, int percent) {
        return api.post(environment(model, environment) + "/rollout/traffic", Map.of("trafficPercent", percent));
    }

    protected Api.Response complete(Api api, String model, String environment) {
        return api.post(environment(model, environment) + "/rollout/completion", null);
    }

    protected Api.Response abort(Api api, String model, String environment, String reason) {
        return api.post(environment(model, environment) + "/rollout/abort", Map.of("reason", reason));
    }

    protected Api.Response rollBack(Api api, String model, String environment, String reason) {
        return api.post(environment(model, environment) + "/rollback", Map.of("reason", reason));
    }

    protected JsonNode ok(Api.Response response) {
        assertThat(response.status()).as("%s", response).isBetween(200, 201);
        return response.json();
    }

    /** Puts {@code version} into {@code environment} as champion: rollout at 10 % then completion. */
    protected JsonNode makeChampion(String model, String environment, int version) {
        startRolloutOk(model, environment, version, 10);
        JsonNode done = ok(complete(as("alice"), model, environment));
        assertThat(done.path("champion").path("version").asInt()).isEqualTo(version);
        return done;
    }

    protected JsonNode serving(String model, String environment) {
        Api.Response response = as("carla").get(environment(model, environment));
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    // ---- problems ----

    /** A problem+json answer of this status whose type is the rule (and, for 403/409, whose "rule" names it). */
    protected static JsonNode assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith(PROBLEM_JSON);
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).as("problem status of %s", response).isEqualTo(status);
        assertThat(problem.path("type").asString()).as("problem type of %s", response)
                .isEqualTo("urn:model-registry:problem:" + type);
        assertThat(problem.path("detail").asString()).as("detail of %s", response).isNotBlank();
        return problem;
    }

    /** 409 with rule {@code rule}. */
    protected static JsonNode assertRule(Api.Response response, String rule) {
        JsonNode problem = assertProblem(response, 409, rule);
        assertThat(problem.path("rule").asString()).as("rule of %s", response).isEqualTo(rule);
        return problem;
    }

    /** 403 segregation-of-duties, a domain rule (not a missing role). */
    protected static JsonNode assertSegregationOfDuties(Api.Response response) {
        JsonNode problem = assertProblem(response, 403, "segregation-of-duties");
        assertThat(problem.path("rule").asString()).isEqualTo("segregation-of-duties");
        assertThat(problem.path("title").asString()).isEqualTo("Segregation of duties");
        return problem;
    }

    /** 403 from the role rules: the caller lacks the role. */
    protected static JsonNode assertRoleForbidden(Api.Response response) {
        return assertProblem(response, 403, "forbidden");
    }

    protected static JsonNode assertNotFound(Api.Response response) {
        return assertProblem(response, 404, "not-found");
    }

    /** 400 invalid-input naming {@code field} in its errors and its detail. */
    protected static JsonNode assertInvalidField(Api.Response response, String field) {
        JsonNode problem = assertProblem(response, 400, "invalid-input");
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as("fields named by %s", response).contains(field);
        assertThat(problem.path("detail").asString()).contains(field);
        return problem;
    }

    protected static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    protected static List<String> approvers(JsonNode request) {
        List<String> names = new ArrayList<>();
        request.path("approvals").forEach(a -> names.add(a.path("approvedBy").asString()));
        return names;
    }

    protected static List<JsonNode> items(JsonNode page) {
        List<JsonNode> values = new ArrayList<>();
        page.path("items").forEach(values::add);
        return values;
    }

    protected static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
