package com.acme.registry.lineage;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * Upstream of one version: what it was made from (datasets with their roles, training run, source commit,
 * features), the versions it descends from up to the root, and every environment it served in.
 */
public record VersionLineage(
        String modelName,
        int version,
        String status,
        String registeredBy,
        Instant registeredAt,
        String artifactUri,
        String artifactDigest,
        JsonNode datasets,
        JsonNode trainingRun,
        JsonNode source,
        JsonNode features,
        Integer parentVersion,
        List<Ancestor> parentChain,
        List<ServedIn> servedIn) {

    /** A version this one descends from: its parent first, the root last. */
    public record Ancestor(int version, Instant registeredAt, String registeredBy, String artifactDigest,
                           String status) {
    }

    /** The version's intervals in one environment and role (CHAMPION or CANDIDATE), oldest first. */
    public record ServedIn(String environment, String role, List<Interval> intervals) {
    }

    /** [from, to) at a constant traffic share; {@code to} is null while it lasts. */
    public record Interval(Instant from, Instant to, int trafficPercent) {
    }
}
