package com.acme.registry.model;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** A registered model as the catalog shows it. */
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
        int versionCount) {
}
