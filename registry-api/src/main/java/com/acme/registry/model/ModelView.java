package com.acme.registry.model;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Map;

/** A registered model as the catalog shows it; {@code aliases}: each free alias and the version it names, by alias. */
public record ModelView(
        String name,
        String description,
        String ownerTeam,
        String riskTier,
        String intendedUse,
        String useRestrictions,
        JsonNode tags,
        String status,
        String registeredBy,
        Instant registeredAt,
        Instant retiredAt,
        String retiredBy,
        String retirementReason,
        int latestVersion,
        int versionCount,
        Instant lastUpdatedAt,
        Map<String, Integer> aliases) {
}
