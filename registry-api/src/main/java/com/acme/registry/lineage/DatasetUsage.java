package com.acme.registry.lineage;

import java.time.Instant;
import java.util.List;

/**
 * A model version that used a dataset — the impact list when a data problem is found — and where that version
 * serves now.
 */
public record DatasetUsage(
        String modelName,
        int version,
        List<String> roles,
        List<Match> datasets,
        Instant registeredAt,
        String status,
        String modelStatus,
        List<ServingNow> servingNow) {

    /** One entry of the version's evidence that matched the query. */
    public record Match(String name, String version, String digest, String uri, String role) {
    }

    /** An environment the version serves in right now, as CHAMPION or CANDIDATE, with its traffic share. */
    public record ServingNow(String environment, String role, int trafficPercent) {
    }
}
