package com.acme.registry.model;

import com.acme.registry.promotion.RiskTier;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Valid commands and evidence, and a way to vary one field of them. */
final class TestData {

    static final String NAME = "credit-default-pd";
    static final String USER = "alice@acme.com";
    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final String DATASET_DIGEST = "sha256:" + "fedcba9876543210".repeat(4);

    private TestData() {
    }

    static ModelDescription description() {
        return new ModelDescription("Probability of default for retail loans", "credit-risk", RiskTier.HIGH,
                "Retail credit decisioning", "Not for commercial lending", Map.of("domain", "retail"));
    }

    static ModelRegistered modelRegistered() {
        return new ModelRegistered(NAME, description(), USER);
    }

    static ModelVersionRegistered versionRegistered(int version) {
        return new ModelVersionRegistered(NAME, version, evidence().build(), USER);
    }

    static RegisterModel registerModel(String name) {
        return new RegisterModel(name, description(), USER);
    }

    static RegisterModel registerModel(UnaryOperator<Description> change) {
        return new RegisterModel(NAME, change.apply(new Description()).build(), USER);
    }

    static RegisterModelVersion registerVersion(UnaryOperator<Evidence> change) {
        return new RegisterModelVersion(NAME, change.apply(evidence()).build(), USER);
    }

    static Evidence evidence() {
        return new Evidence();
    }

    static DatasetRef dataset(String role) {
        return new DatasetRef("loans-2024", "3", "s3://datasets/loans-2024/v3", DATASET_DIGEST, role);
    }

    /** A mutable copy of a valid {@link ModelDescription}. */
    static final class Description {
        String description = "Probability of default for retail loans";
        String ownerTeam = "credit-risk";
        RiskTier riskTier = RiskTier.HIGH;
        String intendedUse = "Retail credit decisioning";
        String useRestrictions = "Not for commercial lending";
        Map<String, String> tags = Map.of("domain", "retail");

        Description description(String value) {
            description = value;
            return this;
        }

        Description ownerTeam(String value) {
            ownerTeam = value;
            return this;
        }

        Description riskTier(RiskTier value) {
            riskTier = value;
            return this;
        }

        Description intendedUse(String value) {
            intendedUse = value;
            return this;
        }

        Description tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        ModelDescription build() {
            return new ModelDescription(description, ownerTeam, riskTier, intendedUse, useRestrictions, tags);
        }
    }

    /** A mutable copy of a valid {@link VersionEvidence}. */
    static final class Evidence {
        String artifactUri = "s3://models/credit-default-pd/7/model.onnx";
        String artifactDigest = DIGEST;
        Long artifactSizeBytes = 1_048_576L;
        String framework = "onnx";
        Signature signature = new Signature(
                List.of(new SignatureField("income", "double"), new SignatureField("age", "int")),
                List.of(new SignatureField("pd", "double")));
        Map<String, Double> metrics = Map.of("auc", 0.91, "ks", 0.47);
        Map<String, String> params = Map.of("max_depth", "6");
        TrainingRun trainingRun = new TrainingRun("run-42", "https://mlflow.acme.com/runs/42");
        SourceRef source = new SourceRef("https://git.acme.com/credit/pd", "3f2a9c1");
        List<DatasetRef> datasets = List.of(dataset("training"), dataset("test"));
        List<String> features = List.of("income", "age");
        Integer parentVersion = null;
        String description = "Retrained on 2024 data";
        Map<String, String> tags = Map.of("stage", "candidate");

        Evidence artifactUri(String value) {
            artifactUri = value;
            return this;
        }

        Evidence artifactDigest(String value) {
            artifactDigest = value;
            return this;
        }

        Evidence framework(String value) {
            framework = value;
            return this;
        }

        Evidence metric(String name, Double value) {
            Map<String, Double> copy = new LinkedHashMap<>(metrics);
            copy.put(name, value); // LinkedHashMap: a null value is allowed
            metrics = copy;
            return this;
        }

        Evidence trainingRun(TrainingRun value) {
            trainingRun = value;
            return this;
        }

        Evidence source(SourceRef value) {
            source = value;
            return this;
        }

        Evidence datasets(List<DatasetRef> value) {
            datasets = value;
            return this;
        }

        Evidence features(List<String> value) {
            features = value;
            return this;
        }

        Evidence parentVersion(Integer value) {
            parentVersion = value;
            return this;
        }

        Evidence description(String value) {
            description = value;
            return this;
        }

        Evidence tags(Map<String, String> value) {
            tags = value;
            return this;
        }

        VersionEvidence build() {
            return new VersionEvidence(artifactUri, artifactDigest, artifactSizeBytes, framework, signature, metrics,
                    params, trainingRun, source, datasets, features, parentVersion, description, tags);
        }
    }
}
