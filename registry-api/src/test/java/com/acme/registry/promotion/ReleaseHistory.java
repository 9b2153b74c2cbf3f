package com.acme.registry.promotion;

import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's promotions, rollouts and rollbacks, handed to the governance projection (the writer of
 * {@code model_release}) as Axon would: payload, timestamp, position and actor. For the projection's own test and
 * for tests of the views that read its tables.
 */
public final class ReleaseHistory {

    public static final String M = "release-model";
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    public static final List<String> TABLES = List.of("promotion_request", "promotion_approval", "model_rollback",
            "rollout_start", "model_release");

    public record Stored(Object event, long position, Instant at, String actor) {
    }

    private final PromotionProjection projection;

    public ReleaseHistory(JdbcTemplate jdbc) {
        this.projection = new PromotionProjection(jdbc, new ProjectionPositions());
    }

    /**
     * v1 released (request 1), v2 released (request 2, which gets a hand-made approval after its release), an
     * emergency rollback to v1, and a staging release without a request.
     */
    public static List<Stored> events() {
        PolicyInForce high = new PolicyInForce(RiskTier.HIGH, true, 2, 30);
        List<Stored> events = new ArrayList<>();
        events.add(at(1, 0, "alice", new PromotionRequested(M, 1, 1, "production", "first", "https://r/1", "alice", high)));
        events.add(at(2, 1, "rita", new PromotionApproved(M, 1, "rita", "ok 1", 1)));
        events.add(at(3, 2, "ravi", new PromotionApproved(M, 1, "ravi", "ok 1 again", 2)));
        events.add(at(4, 2, "ravi", new PromotionGranted(M, 1, 1, "production", T0.plus(30, ChronoUnit.DAYS))));
        events.add(at(10, 10, "alice", new RolloutStarted(M, "production", 1, 10, 1, null)));
        events.add(at(11, 11, "alice", new RolloutCompleted(M, "production", 1, null)));
        events.add(at(12, 12, "bob", new PromotionRequested(M, 2, 2, "production", "second", "https://r/2", "bob", high)));
        events.add(at(13, 13, "rita", new PromotionApproved(M, 2, "rita", "ok 2", 1)));
        events.add(at(14, 14, "ravi", new PromotionApproved(M, 2, "ravi", "ok 2 again", 2)));
        events.add(at(15, 14, "ravi", new PromotionGranted(M, 2, 2, "production", T0.plus(30, ChronoUnit.DAYS))));
        events.add(at(20, 20, "alice", new RolloutStarted(M, "production", 2, 10, 2, 1)));
        events.add(at(21, 21, "alice", new RolloutCompleted(M, "production", 2, 1)));
        events.add(at(22, 22, "mallory", new PromotionApproved(M, 2, "late-reviewer", "after the fact", 3)));
        events.add(at(23, 23, "alice", new RolledBack(M, "production", 1, 1, 2, "declines", "alice", true)));
        events.add(at(24, 24, "bob", new RolloutStarted(M, "staging", 2, 100, null, null)));
        events.add(at(25, 25, "bob", new RolloutCompleted(M, "staging", 2, null)));
        return events;
    }

    public static Stored at(long position, int minutes, String actor, Object event) {
        return new Stored(event, position, T0.plus(minutes, ChronoUnit.MINUTES), actor);
    }

    public void apply(Stored stored) {
        Instant at = stored.at();
        TrackingToken token = new GlobalSequenceTrackingToken(stored.position());
        Object event = stored.event();
        if (event instanceof PromotionRequested e) {
            projection.on(e, at);
        } else if (event instanceof PromotionApproved e) {
            projection.on(e, at);
        } else if (event instanceof PromotionGranted e) {
            projection.on(e, at);
        } else if (event instanceof RolloutStarted e) {
            projection.on(e, token);
        } else if (event instanceof RolloutCompleted e) {
            projection.on(e, at, token, stored.actor());
        } else if (event instanceof RolledBack e) {
            projection.on(e, at, token);
        } else if (event instanceof RollbackAcknowledged e) {
            projection.on(e, at);
        } else {
            throw new IllegalArgumentException("not in this test: " + event);
        }
    }

    /** The projection's reset, as a replay from the start does it. */
    public void reset() {
        projection.reset();
    }
}
