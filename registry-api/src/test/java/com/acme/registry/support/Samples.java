package com.acme.registry.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Valid request bodies, as maps, so one field can be changed or removed per test. */
public final class Samples {

    public static final String DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private Samples() {
    }

    public static Map<String, Object> model(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "Probability of default at checkout");
        body.put("ownerTeam", "underwriting");
        body.put("riskTier", "HIGH");
        body.put("intendedUse", "Real-time BNPL credit decisions");
        body.put("useRestrictions", "Not for collections");
        body.put("tags", Map.of("domain", "bnpl"));
        return body;
    }

    public static Map<String, Object> version() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("artifactUri", "s3://ml-artifacts/bnpl-credit-risk/2026-11-20/model.onnx");
        body.put("artifactDigest", DIGEST);
        body.put("artifactSizeBytes", 48213);
        body.put("framework", "onnx");
        body.put("signature", Map.of("inputs", List.of(Map.of("name", "income", "type", "double")),
                "outputs", List.of(Map.of("name", "pd", "type", "double"))));
        body.put("metrics", Map.of("auc", 0.871, "ks", 0.52));
        body.put("params", Map.of("max_depth", "6"));
        body.put("trainingRun", Map.of("id", "run-8841", "uri", "https://mlflow.internal/runs/8841"));
        body.put("source", Map.of("repository", "git@github.com:acme/credit-models.git", "commit", "3f2c1a9"));
        body.put("datasets", List.of(Map.of("name", "applications", "version", "2026-11-01",
                "uri", "s3://data/applications/2026-11-01", "digest", DIGEST, "role", "training")));
        body.put("features", List.of("income", "utilization_90d"));
        body.put("description", "Monthly retrain");
        body.put("tags", Map.of("team", "underwriting"));
        return body;
    }

    public static Map<String, Object> version(double auc) {
        Map<String, Object> body = version();
        body.put("metrics", Map.of("auc", auc, "ks", 0.5));
        return body;
    }
}
