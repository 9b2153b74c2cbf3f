package com.acme.registry.faults.fuzz;

import com.acme.registry.faults.Api;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/** Valid bodies of every write endpoint, the starting point of each mutation; doubles are never whole numbers. */
final class Bodies {

    private Bodies() {
    }

    static ObjectNode model(String name) {
        ObjectNode b = Api.JSON.createObjectNode();
        b.put("name", name);
        b.put("description", "Suggests a first BNPL spending limit");
        b.put("ownerTeam", "underwriting");
        b.put("riskTier", "LOW");
        b.put("intendedUse", "Initial limit for new BNPL customers");
        b.put("useRestrictions", "Not for existing customers");
        b.putObject("tags").put("domain", "bnpl");
        return b;
    }

    static ObjectNode version(int n) {
        ObjectNode b = Api.JSON.createObjectNode();
        b.put("artifactUri", "s3://ml-artifacts/fuzz/" + n + "/model.onnx");
        b.put("artifactDigest", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        b.put("artifactSizeBytes", 48213);
        b.put("framework", "onnx");
        ObjectNode signature = b.putObject("signature");
        signature.putArray("inputs").addObject().put("name", "income").put("type", "double");
        signature.putArray("outputs").addObject().put("name", "limit").put("type", "double");
        b.putObject("metrics").put("auc", 0.87).put("ks", 0.52);
        b.putObject("params").put("max_depth", "6");
        b.putObject("trainingRun").put("id", "run-" + n).put("uri", "https://mlflow.internal/runs/" + n);
        b.putObject("source").put("repository", "git@github.com:acme/credit-models.git").put("commit", "3f2c1a9");
        ArrayNode datasets = b.putArray("datasets");
        datasets.addObject().put("name", "applications").put("version", "2026-11-01")
                .put("uri", "s3://data/applications/2026-11-01")
                .put("digest", "sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
                .put("role", "training");
        b.putArray("features").add("income").add("utilization_90d");
        b.put("description", "Monthly retrain");
        b.putObject("tags").put("team", "underwriting");
        return b;
    }

    static ObjectNode of(Object... keyValues) {
        ObjectNode b = Api.JSON.createObjectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            b.set((String) keyValues[i], Api.JSON.valueToTree(keyValues[i + 1]));
        }
        return b;
    }

    /** Every write endpoint of /api/v1 (the controllers of registry-api), with the fixture's path variables. */
    static List<Endpoint> endpoints() {
        String m = "/api/v1/models/{model}";
        Set<String> none = Set.of();
        return List.of(
                new Endpoint("POST", "/api/v1/models", "writer", n -> model("fz-" + n),
                        Set.of("name", "ownerTeam", "riskTier", "intendedUse"), none, false),
                new Endpoint("POST", "/api/v1/models/{retirable}/retirement", "writer",
                        n -> of("reason", "replaced by the new model"), Set.of("reason"), none, false),
                new Endpoint("POST", m + "/versions", "writer", Bodies::version,
                        Set.of("artifactUri", "artifactDigest"), none, true),
                new Endpoint("POST", m + "/versions/{version}/archival", "writer",
                        n -> of("reason", "trained on a leaky feature"), Set.of("reason"), none, false),
                new Endpoint("POST", m + "/promotions", "writer",
                        n -> of("version", 3, "environment", "staging", "justification", "Beats the scorecard",
                                "validationReportUri", "https://validation.internal/reports/3"),
                        Set.of("version", "environment", "justification"), none, false),
                new Endpoint("POST", m + "/promotions/{approvable}/approvals", "reviewer",
                        n -> of("comment", "Validation report reviewed"), none, none, false),
                new Endpoint("POST", m + "/promotions/{rejectable}/rejection", "reviewer",
                        n -> of("reason", "PSI unstable"), Set.of("reason"), none, false),
                new Endpoint("POST", m + "/environments/{env}/rollout", "writer",
                        n -> of("version", 2, "trafficPercent", 10), Set.of("version", "trafficPercent"), none, false),
                new Endpoint("POST", m + "/environments/{env}/rollout/traffic", "writer",
                        n -> of("trafficPercent", 50), Set.of("trafficPercent"), none, false),
                new Endpoint("POST", m + "/environments/{env}/rollout/completion", "writer", null, none, none, false),
                new Endpoint("POST", m + "/environments/{env}/rollout/abort", "writer",
                        n -> of("reason", "error rate"), none, none, false),
                new Endpoint("POST", m + "/environments/{env}/rollback", "writer",
                        n -> of("reason", "approval rate dropped"), none, none, false),
                new Endpoint("POST", m + "/rollbacks/{rollback}/acknowledgement", "reviewer",
                        n -> of("comment", "Incident reviewed"), none, none, false),
                new Endpoint("POST", "/api/v1/admin/users", "admin",
                        n -> of("username", "fz-user-" + n, "password", "a-long-password-" + n,
                                "roles", List.of("ML_ENGINEER")),
                        Set.of("username", "password", "roles"), Set.of("password"), false),
                new Endpoint("PUT", "/api/v1/admin/users/{user}/roles", "admin",
                        n -> of("roles", List.of("ML_ENGINEER", "COMPLIANCE")), Set.of("roles"), none, false),
                new Endpoint("PUT", "/api/v1/admin/users/{user}/password", "admin",
                        n -> of("password", "another-long-password"), Set.of("password"), Set.of("password"), false),
                new Endpoint("PUT", "/api/v1/admin/users/{user}/enabled", "admin",
                        n -> of("enabled", true), Set.of("enabled"), none, false),
                new Endpoint("POST", "/api/v1/admin/tokens", "admin",
                        n -> of("name", "fz-token-" + n, "roles", List.of("READER"), "validDays", 30),
                        Set.of("name", "roles"), none, false),
                new Endpoint("POST", "/api/v1/admin/tokens/{token}/revocation", "admin", null, none, none, false),
                new Endpoint("POST", "/api/v1/admin/read-models/rebuild", "admin", null, none, none, false));
    }

    /** Read endpoints with query parameters: the fuzzer's query-parameter cases (they must change nothing). */
    static List<String[]> queries() {
        String m = "/api/v1/models/" + Fixture.MODEL;
        return List.of(
                new String[] {"/api/v1/models", "namePrefix", "ownerTeam", "riskTier", "tag", "status", "page", "size"},
                new String[] {m + "/versions", "status", "metric", "minValue", "maxValue", "page", "size"},
                new String[] {m + "/promotions", "status", "environment", "page", "size"},
                new String[] {m + "/environments/staging", "asOf"},
                new String[] {"/api/v1/reviews", "riskTier", "environment", "page", "size"},
                new String[] {"/api/v1/rollbacks", "flagged", "page", "size"},
                new String[] {"/api/v1/audit", "model", "actor", "action", "from", "to", "page", "size"},
                new String[] {"/api/v1/compliance/inventory", "asOf", "page", "size"},
                new String[] {"/api/v1/compliance/releases", "from", "to", "environment", "model", "page", "size"},
                new String[] {"/api/v1/lineage/datasets/applications", "version", "digest", "role", "page", "size"});
    }
}
