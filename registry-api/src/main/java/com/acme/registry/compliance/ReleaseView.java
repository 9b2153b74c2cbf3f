package com.acme.registry.compliance;

import com.acme.registry.promotion.PromotionView;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * One time a version became an environment's champion — by a completed rollout (ROLLOUT) or a rollback
 * (ROLLBACK) — with the request and approvals behind it, its evidence and its exceptions:
 * {@value #EMERGENCY_ROLLBACK_UNACKNOWLEDGED}, {@value #APPROVED_AFTER_RELEASE}.
 */
public record ReleaseView(
        String modelName,
        int version,
        String environment,
        Instant releasedAt,
        String releasedBy,
        String kind,
        Integer replacedVersion,
        Request promotionRequest,
        List<PromotionView.Approval> approvals,
        Rollback rollback,
        Evidence evidence,
        List<String> exceptions) {

    public static final String EMERGENCY_ROLLBACK_UNACKNOWLEDGED = "EMERGENCY_ROLLBACK_UNACKNOWLEDGED";
    public static final String APPROVED_AFTER_RELEASE = "APPROVED_AFTER_RELEASE";

    /** The promotion request that approved the version, with the policy in force when it was made. */
    public record Request(int number, int version, String requestedBy, Instant requestedAt, String justification,
                          String validationReportUri, String status, Instant grantedAt, PromotionView.Policy policy) {
    }

    public record Rollback(int number, String reason, boolean emergency, String rolledBackBy, String acknowledgedBy,
                           Instant acknowledgedAt, String acknowledgement) {
    }

    /** Links to the evidence of the released version. */
    public record Evidence(String artifactUri, String artifactDigest, JsonNode trainingRun, JsonNode source) {
    }
}
