package com.acme.registry.model;

import java.util.List;
import java.util.Map;

/** Everything a version is registered with. Immutable once registered. */
public record VersionEvidence(
        String artifactUri,
        String artifactDigest,
        Long artifactSizeBytes,
        String framework,
        Signature signature,
        Map<String, Double> metrics,
        Map<String, String> params,
        TrainingRun trainingRun,
        SourceRef source,
        List<DatasetRef> datasets,
        List<String> features,
        Integer parentVersion,
        String description,
        Map<String, String> tags) {

    public VersionEvidence {
        metrics = metrics == null ? Map.of() : metrics;
        params = params == null ? Map.of() : params;
        datasets = datasets == null ? List.of() : datasets;
        features = features == null ? List.of() : features;
        tags = tags == null ? Map.of() : tags;
    }
}
