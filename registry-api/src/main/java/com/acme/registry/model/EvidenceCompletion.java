package com.acme.registry.model;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/models/{name}/versions/{version}/evidence}: what a version registered with partial
 * evidence lacks. Either field may be left out; one it has already must be given unchanged or not at all.
 */
public record EvidenceCompletion(
        @Schema(example = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String artifactDigest,
        @Schema(example = "onnx") String framework) {
}
