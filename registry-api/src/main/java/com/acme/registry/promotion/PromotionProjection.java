package com.acme.registry.promotion;

import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.ProjectionBatch;
import com.acme.registry.axon.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Projects requests, approvals, rollbacks and releases (each time a version became an environment's champion)
 * for the review queue and the compliance views. Idempotent: inserts do nothing on conflict, releases are keyed
 * by the event-store position of the event that made them. A batch's statements go to the database together, in
 * event order, when the batch commits ({@link ProjectionBatch}).
 */
@Component
@ProcessingGroup(PromotionProjection.GROUP)
public class PromotionProjection {

    public static final String GROUP = AxonProcessingConfiguration.READ_MODELS;

    private final JdbcTemplate jdbc;
    private final ProjectionBatch batch;
    private final ProjectionPositions positions;

    public PromotionProjection(JdbcTemplate jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.batch = new ProjectionBatch(jdbc, "governance");
        this.positions = positions;
    }

    @EventHandler
    public void on(PromotionRequested event, @Timestamp Instant at) {
        PolicyInForce policy = event.policy();
        batch.update("""
                INSERT INTO promotion_request (model_name, request_number, version, environment, status, justification,
                        validation_report_uri, requested_by, requested_at, risk_tier, approval_required,
                        required_approvals, approval_validity_days)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""",
                event.modelName(), event.requestNumber(), event.version(), event.environment(),
                event.justification(), event.validationReportUri(), event.requestedBy(), java.sql.Timestamp.from(at),
                policy.riskTier().name(), policy.approvalRequired(), policy.requiredApprovals(),
                policy.approvalValidityDays());
    }

    @EventHandler
    public void on(PromotionApproved event, @Timestamp Instant at) {
        batch.update("""
                INSERT INTO promotion_approval (model_name, request_number, approved_by, comment, approved_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.modelName(), event.requestNumber(), event.approvedBy(), event.comment(),
                java.sql.Timestamp.from(at));
    }

    @EventHandler
    public void on(PromotionGranted event, @Timestamp Instant at) {
        batch.update("""
                UPDATE promotion_request SET status = 'GRANTED', granted_at = ?, valid_until = ?
                WHERE model_name = ? AND request_number = ?""",
                java.sql.Timestamp.from(at), event.validUntil() == null ? null : java.sql.Timestamp.from(event.validUntil()),
                event.modelName(), event.requestNumber());
    }

    @EventHandler
    public void on(PromotionRejected event, @Timestamp Instant at) {
        batch.update("""
                UPDATE promotion_request SET status = 'REJECTED', rejected_by = ?, rejected_at = ?, rejection_reason = ?
                WHERE model_name = ? AND request_number = ?""",
                event.rejectedBy(), java.sql.Timestamp.from(at), event.reason(), event.modelName(),
                event.requestNumber());
    }

    @EventHandler
    public void on(RolledBack event, @Timestamp Instant at, TrackingToken token) {
        batch.update("""
                INSERT INTO model_rollback (model_name, rollback_number, environment, restored_version,
                        replaced_version, reason, rolled_back_by, rolled_back_at, emergency)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.modelName(), event.rollbackNumber(), event.environment(), event.restoredVersion(),
                event.replacedVersion(), event.reason(), event.rolledBackBy(), java.sql.Timestamp.from(at),
                event.emergency());
        long position = token.position().orElseThrow();
        // the restored version was approved by the request of the release that made it champion before
        batch.update("""
                INSERT INTO model_release (position, model_name, environment, version, kind, released_at, released_by,
                        replaced_version, request_number, rollback_number)
                VALUES (?, ?, ?, ?, 'ROLLBACK', ?, ?, ?,
                        (SELECT request_number FROM model_release WHERE model_name = ? AND environment = ?
                         AND version = ? AND position < ? ORDER BY position DESC LIMIT 1), ?)
                ON CONFLICT DO NOTHING""",
                position, event.modelName(), event.environment(), event.restoredVersion(), java.sql.Timestamp.from(at),
                event.rolledBackBy(), event.replacedVersion(), event.modelName(), event.environment(),
                event.restoredVersion(), position, event.rollbackNumber());
    }

    /** Remembers the request a rollout was started with, for the release its completion makes. */
    @EventHandler
    public void on(RolloutStarted event, TrackingToken token) {
        batch.update("""
                INSERT INTO rollout_start (position, model_name, environment, version, request_number)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                token.position().orElseThrow(), event.modelName(), event.environment(), event.version(),
                event.requestNumber());
    }

    @EventHandler
    public void on(RolloutCompleted event, @Timestamp Instant at, TrackingToken token,
                   @MetaDataValue("actor") String actor) {
        long position = token.position().orElseThrow();
        batch.update("""
                INSERT INTO model_release (position, model_name, environment, version, kind, released_at, released_by,
                        replaced_version, request_number)
                VALUES (?, ?, ?, ?, 'ROLLOUT', ?, ?, ?,
                        (SELECT request_number FROM rollout_start WHERE model_name = ? AND environment = ?
                         AND version = ? AND position < ? ORDER BY position DESC LIMIT 1))
                ON CONFLICT DO NOTHING""",
                position, event.modelName(), event.environment(), event.version(), java.sql.Timestamp.from(at), actor,
                event.previousChampion(), event.modelName(), event.environment(), event.version(), position);
    }

    @EventHandler
    public void on(RollbackAcknowledged event, @Timestamp Instant at) {
        batch.update("""
                UPDATE model_rollback SET acknowledged_by = ?, acknowledged_at = ?, acknowledgement = ?
                WHERE model_name = ? AND rollback_number = ?""",
                event.acknowledgedBy(), java.sql.Timestamp.from(at), event.comment(), event.modelName(),
                event.rollbackNumber());
    }

    /**
     * Nothing to project, but handling it moves this group's position on, which read-your-writes waits for. Takes the
     * message, not the payload, so that an event this group ignores is never deserialised.
     */
    @EventHandler
    public void on(EventMessage<?> anyOtherEvent) {
        // deliberately empty
    }

    @ResetHandler
    public void reset() {
        jdbc.update("TRUNCATE promotion_request, promotion_approval, model_rollback, rollout_start, model_release");
        positions.reset(GROUP);
    }
}
