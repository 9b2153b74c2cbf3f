package com.acme.registry.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A model version with all its evidence, as the catalog shows it. {@code aliases}: the free aliases that name it, by
 * name. {@code missingEvidence}: what a version registered with partial evidence still lacks (empty when complete).
 */
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
        String archiveReason,
        Instant lastUpdatedAt,
        List<String> aliases) {

    /** The evidence fields the version was registered without and that no completion has supplied yet. */
    @JsonProperty(value = "missingEvidence", access = JsonProperty.Access.READ_ONLY)
    public List<String> missingEvidence() {
        List<String> missing = new ArrayList<>(2);
        if (artifactDigest == null) {
            missing.add("artifactDigest");
        }
        if (framework == null) {
            missing.add("framework");
        }
        return List.copyOf(missing);
    }
}
