package com.acme.registry.model;

import com.acme.registry.promotion.RiskTier;

import java.util.Map;

/** What a registered model is for and who owns it. */
public record ModelDescription(
        String description,
        String ownerTeam,
        RiskTier riskTier,
        String intendedUse,
        String useRestrictions,
        Map<String, String> tags) {

    public ModelDescription {
        tags = tags == null ? Map.of() : tags;
    }
}
