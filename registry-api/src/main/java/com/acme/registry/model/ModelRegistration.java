package com.acme.registry.model;

import com.acme.registry.model.ModelDescription;
import com.acme.registry.promotion.RiskTier;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.Map;

/** Body of {@code POST /api/v1/models}. */
public record ModelRegistration(
        @Schema(example = "bnpl-credit-risk", description = "lowercase slug, unique forever") String name,
        String description,
        @Schema(example = "underwriting") String ownerTeam,
        RiskTier riskTier,
        String intendedUse,
        String useRestrictions,
        Map<String, String> tags,
        @Schema(hidden = true, description = "ignored: the registrant is the authenticated principal") String registeredBy) {

    ModelDescription toDescription() {
        return new ModelDescription(description, ownerTeam, riskTier, intendedUse, useRestrictions, tags);
    }
}
