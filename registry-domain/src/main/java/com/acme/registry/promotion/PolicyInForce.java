package com.acme.registry.promotion;

/** The policy resolved for one request when it was made; a later policy change does not rewrite it. */
public record PolicyInForce(RiskTier riskTier, boolean approvalRequired, int requiredApprovals,
                            int approvalValidityDays) {
}
