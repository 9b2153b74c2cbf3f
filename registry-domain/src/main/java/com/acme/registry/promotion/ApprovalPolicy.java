package com.acme.registry.promotion;

import java.util.Map;

/**
 * The configured approval policy: how many distinct risk-reviewer approvals an environment that needs approval
 * requires per risk tier, and for how many days a granted request stays valid for starting a rollout.
 */
public record ApprovalPolicy(Map<RiskTier, Integer> requiredApprovals, int approvalValidityDays) {

    public static final ApprovalPolicy DEFAULT = new ApprovalPolicy(
            Map.of(RiskTier.HIGH, 2, RiskTier.MEDIUM, 1, RiskTier.LOW, 1), 30);

    public int approvalsFor(RiskTier tier) {
        return requiredApprovals.getOrDefault(tier, 1);
    }
}
