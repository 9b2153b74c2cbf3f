package com.acme.registry.model;

import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Body of {@code POST /api/v1/models/{name}/versions}: the version's evidence. */
public record VersionRegistration(
        @Schema(example = "s3://ml-artifacts/bnpl-credit-risk/2026-11-20/model.onnx") String artifactUri,
        @Schema(example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String artifactDigest,
        Long artifactSizeBytes,
        @Schema(example = "onnx") String framework,
        Signature signature,
        Map<String, Double> metrics,
        Map<String, String> params,
        TrainingRun trainingRun,
        SourceRef source,
        List<DatasetRef> datasets,
        List<String> features,
        Integer parentVersion,
        String description,
        Map<String, String> tags,
        @Schema(hidden = true, description = "ignored: the registrant is the authenticated principal") String registeredBy) {

    VersionEvidence toEvidence() {
        return new VersionEvidence(artifactUri, artifactDigest, artifactSizeBytes, framework, signature, metrics,
                params, trainingRun, source, datasets, features, parentVersion, description, tags);
    }
}
