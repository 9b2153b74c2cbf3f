package com.acme.registry.ui.promotion;

import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import tools.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data through the real API, as the demo users, so a UI test starts from a known state of its own. */
public final class GovernanceFixtures {

    public static final String PRODUCTION = "production";
    public static final String REPORT = "https://validation.internal/reports/";

    private final int port;

    public GovernanceFixtures(int port) {
        this.port = port;
    }

    public Api as(String user) {
        return Api.basic(port, user, "demo");
    }

    /** A HIGH-tier model registered by alice. */
    public String highRiskModel(String name) {
        Api.Response created = as("alice").post("/api/v1/models", Samples.model(name));
        assertThat(created.status()).as("register model: %s", created).isEqualTo(201);
        return name;
    }

    /** The next version, registered by alice. */
    public int version(String model, double auc) {
        Api.Response created = as("alice").post(model(model) + "/versions", Samples.version(auc));
        assertThat(created.status()).as("register version: %s", created).isEqualTo(201);
        return created.json().path("version").asInt();
    }

    public int request(String model, int version, String environment) {
        Api.Response created = as("alice").post(model(model) + "/promotions", Map.of("version", version,
                "environment", environment, "justification", "Retrain on November data",
                "validationReportUri", REPORT + model + "/" + version));
        assertThat(created.status()).as("request promotion: %s", created).isEqualTo(201);
        return created.json().path("requestNumber").asInt();
    }

    public void approve(String model, int request, String reviewer, String comment) {
        Api.Response approved = as(reviewer).post(model(model) + "/promotions/" + request + "/approvals",
                Map.of("comment", comment));
        assertThat(approved.status()).as("approve: %s", approved).isEqualTo(200);
    }

    /** Requested by alice, approved by rita and ravi. */
    public int grantProduction(String model, int version) {
        int request = request(model, version, PRODUCTION);
        approve(model, request, "rita", "Backtest and stability reviewed");
        approve(model, request, "ravi", "Fairness metrics within tolerance");
        return request;
    }

    /** Rolled out at once and completed by alice: the version becomes production's champion. */
    public void makeChampion(String model, int version) {
        String env = environment(model, PRODUCTION);
        Api.Response started = as("alice").post(env + "/rollout", Map.of("version", version, "trafficPercent", 100));
        assertThat(started.status()).as("start rollout: %s", started).isEqualTo(201);
        Api.Response completed = as("alice").post(env + "/rollout/completion", Map.of());
        assertThat(completed.status()).as("complete rollout: %s", completed).isEqualTo(200);
    }

    public void rollBack(String model, String reason) {
        Api.Response rolledBack = as("alice").post(environment(model, PRODUCTION) + "/rollback",
                Map.of("reason", reason));
        assertThat(rolledBack.status()).as("roll back: %s", rolledBack).isEqualTo(200);
    }

    public JsonNode promotion(String model, int request) {
        return as("carla").get(model(model) + "/promotions/" + request).json();
    }

    public JsonNode serving(String model, String environment) {
        return as("carla").get(environment(model, environment)).json();
    }

    public JsonNode rollback(String model, int number) {
        for (JsonNode rollback : as("carla").get(model(model) + "/rollbacks").json().path("items")) {
            if (rollback.path("rollbackNumber").asInt() == number) {
                return rollback;
            }
        }
        throw new AssertionError(model + " has no rollback #" + number);
    }

    public static String model(String model) {
        return "/api/v1/models/" + model;
    }

    public static String environment(String model, String environment) {
        return model(model) + "/environments/" + environment;
    }
}
