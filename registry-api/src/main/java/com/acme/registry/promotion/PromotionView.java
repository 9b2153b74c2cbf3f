package com.acme.registry.promotion;

import java.time.Instant;
import java.util.List;

/** A promotion request with its approvals and what the policy in force still needs. */
public record PromotionView(
        String modelName,
        int requestNumber,
        int version,
        String environment,
        String status,
        String justification,
        String validationReportUri,
        String requestedBy,
        Instant requestedAt,
        Policy policy,
        List<Approval> approvals,
        int approvalsStillNeeded,
        Instant grantedAt,
        Instant validUntil,
        String rejectedBy,
        Instant rejectedAt,
        String rejectionReason) {

    /** The policy recorded on the request when it was made. */
    public record Policy(String riskTier, boolean approvalRequired, int requiredApprovals, int approvalValidityDays) {
    }

    public record Approval(String approvedBy, Instant approvedAt, String comment) {
    }
}
