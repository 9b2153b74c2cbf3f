package com.acme.registry.promotion;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Environments a version can serve in, whether a release there needs approval, and the approval policy per
 * risk tier. Read at every decision and recorded on each request, so a change applies to new requests only.
 */
@ConfigurationProperties("registry.governance")
public record GovernanceProperties(List<Environment> environments, Map<RiskTier, Integer> requiredApprovals,
                                   Integer approvalValidityDays) {

    public record Environment(String name, boolean requiresApproval) {
    }

    public GovernanceProperties {
        environments = environments == null || environments.isEmpty()
                ? List.of(new Environment("staging", false), new Environment("production", true))
                : List.copyOf(environments);
        Map<RiskTier, Integer> approvals = new EnumMap<>(ApprovalPolicy.DEFAULT.requiredApprovals());
        if (requiredApprovals != null) {
            approvals.putAll(requiredApprovals);
        }
        approvals.forEach((tier, count) -> {
            if (count == null || count < 1) {
                throw new IllegalArgumentException("registry.governance.required-approvals." + tier + " must be 1 or more");
            }
        });
        requiredApprovals = Map.copyOf(approvals);
        approvalValidityDays = approvalValidityDays == null ? ApprovalPolicy.DEFAULT.approvalValidityDays()
                : approvalValidityDays;
        if (approvalValidityDays < 1) {
            throw new IllegalArgumentException("registry.governance.approval-validity-days must be 1 or more");
        }
    }

    public Optional<Environment> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public ApprovalPolicy policy() {
        return new ApprovalPolicy(requiredApprovals, approvalValidityDays);
    }
}
