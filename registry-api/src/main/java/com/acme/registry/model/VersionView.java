package com.acme.registry.model;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** A model version with all its evidence, as the catalog shows it. */
public record VersionView(
        String modelName,
        int version,
        String artifactUri,
        String artifactDigest,
        Long artifactSizeBytes,
        String framework,
        JsonNode signature,
        JsonNode metrics,
        JsonNode params,
        JsonNode trainingRun,
        JsonNode source,
        JsonNode datasets,
        JsonNode features,
        Integer parentVersion,
        String description,
        JsonNode tags,
        String status,
        String registeredBy,
        Instant registeredAt,
        Instant archivedAt,
        String archivedBy,
        String archiveReason) {
}
