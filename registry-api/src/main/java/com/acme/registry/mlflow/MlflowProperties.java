package com.acme.registry.mlflow;

import com.acme.registry.promotion.RiskTier;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * How MLflow's words map onto the registry's governance ({@code registry.mlflow.*}).
 *
 * @param governedAliases  alias → environment: setting such an alias is a rollout there, not a label (default: every
 *                         configured environment's own name); matched without regard to case
 * @param stages           MLflow stage → environment (default {@code Staging} → staging, {@code Production} →
 *                         production, where configured); matched without regard to case
 * @param defaultOwnerTeam owner team of a model created without the {@code registry.owner_team} tag
 * @param defaultRiskTier  risk tier of a model created without the {@code registry.risk_tier} tag: the strictest by
 *                         default, so a model nobody classified needs the most approvals
 */
@ConfigurationProperties("registry.mlflow")
public record MlflowProperties(Map<String, String> governedAliases, Map<String, String> stages,
                               String defaultOwnerTeam, RiskTier defaultRiskTier) {

    public MlflowProperties {
        governedAliases = governedAliases == null ? Map.of() : Map.copyOf(governedAliases);
        stages = stages == null ? Map.of() : Map.copyOf(stages);
        defaultOwnerTeam = defaultOwnerTeam == null || defaultOwnerTeam.isBlank() ? "unassigned" : defaultOwnerTeam;
        defaultRiskTier = defaultRiskTier == null ? RiskTier.HIGH : defaultRiskTier;
    }
}
