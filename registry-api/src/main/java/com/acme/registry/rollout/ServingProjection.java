package com.acme.registry.rollout;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.VersionEvidenceCompleted;
import com.acme.registry.axon.ProjectionBatch;
import com.acme.registry.axon.ProjectionPositions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * What serves where: the current state per (model, environment) for the hot path, and the intervals of every
 * champion and candidate for "what served at instant T". Replays change nothing: intervals are keyed by the
 * event-store position that opened them, and current state is written as absolute values.
 * <p>
 * A batch's statements go to the database together, in event order, when the batch commits ({@link ProjectionBatch});
 * the one read (the current state, to record its intervals) first flushes what the batch wrote before it.
 */
@Component
@ProcessingGroup(ServingProjection.GROUP)
public class ServingProjection {

    public static final String GROUP = AxonProcessingConfiguration.READ_MODELS;
    static final String CHAMPION = "CHAMPION";
    static final String CANDIDATE = "CANDIDATE";

    private final JdbcTemplate jdbc;
    private final ProjectionBatch batch;
    private final ProjectionPositions positions;

    public ServingProjection(JdbcTemplate jdbc, ProjectionPositions positions) {
        this.jdbc = jdbc;
        this.batch = new ProjectionBatch(jdbc, "serving");
        this.positions = positions;
    }

    private static final ProjectionBatch.Rows ARTIFACTS = ProjectionBatch.Rows.of("""
            INSERT INTO serving_artifact (model_name, version, uri, digest)
            SELECT * FROM unnest(?::text[], ?::int4[], ?::text[], ?::text[])
            ON CONFLICT DO NOTHING""", "text", "int4", "text", "text");

    @EventHandler
    public void on(ModelVersionRegistered event) {
        batch.insert(0, ARTIFACTS, event.modelName(), event.version(), event.evidence().artifactUri(),
                event.evidence().artifactDigest());
    }

    /**
     * A version registered without its digest gets it here; the champion or candidate slots that serve that version
     * already take it too (only where still null: a digest, once known, never changes).
     */
    @EventHandler
    public void on(VersionEvidenceCompleted event) {
        if (event.artifactDigest() == null) {
            return;
        }
        batch.update("UPDATE serving_artifact SET digest = ? WHERE model_name = ? AND version = ? AND digest IS NULL",
                event.artifactDigest(), event.modelName(), event.version());
        batch.update("""
                UPDATE serving_state SET champion_digest = ?
                WHERE model_name = ? AND champion_version = ? AND champion_digest IS NULL""",
                event.artifactDigest(), event.modelName(), event.version());
        batch.update("""
                UPDATE serving_state SET candidate_digest = ?
                WHERE model_name = ? AND candidate_version = ? AND candidate_digest IS NULL""",
                event.artifactDigest(), event.modelName(), event.version());
    }

    @EventHandler
    public void on(RolloutStarted event, @Timestamp Instant at, TrackingToken token) {
        batch.update("""
                INSERT INTO serving_state (model_name, environment) VALUES (?, ?) ON CONFLICT DO NOTHING""",
                event.modelName(), event.environment());
        batch.update("""
                UPDATE serving_state s SET candidate_version = ?, candidate_traffic = ?, candidate_since = ?,
                       candidate_request = ?, candidate_uri = a.uri, candidate_digest = a.digest
                FROM serving_artifact a
                WHERE s.model_name = ? AND s.environment = ? AND a.model_name = s.model_name AND a.version = ?""",
                event.version(), event.trafficPercent(), java.sql.Timestamp.from(at), event.requestNumber(),
                event.modelName(), event.environment(), event.version());
        recordIntervals(event.modelName(), event.environment(), at, token);
    }

    @EventHandler
    public void on(RolloutTrafficChanged event, @Timestamp Instant at, TrackingToken token) {
        batch.update("UPDATE serving_state SET candidate_traffic = ? WHERE model_name = ? AND environment = ?",
                event.trafficPercent(), event.modelName(), event.environment());
        recordIntervals(event.modelName(), event.environment(), at, token);
    }

    @EventHandler
    public void on(RolloutCompleted event, @Timestamp Instant at, TrackingToken token) {
        championIs(event.modelName(), event.environment(), event.version(), at);
        recordIntervals(event.modelName(), event.environment(), at, token);
    }

    @EventHandler
    public void on(RolloutAborted event, @Timestamp Instant at, TrackingToken token) {
        batch.update("""
                UPDATE serving_state SET candidate_version = NULL, candidate_traffic = NULL, candidate_since = NULL,
                       candidate_request = NULL, candidate_uri = NULL, candidate_digest = NULL
                WHERE model_name = ? AND environment = ?""", event.modelName(), event.environment());
        recordIntervals(event.modelName(), event.environment(), at, token);
    }

    @EventHandler
    public void on(RolledBack event, @Timestamp Instant at, TrackingToken token) {
        championIs(event.modelName(), event.environment(), event.restoredVersion(), at);
        recordIntervals(event.modelName(), event.environment(), at, token);
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
        jdbc.update("TRUNCATE serving_state, serving_artifact, serving_interval");
        positions.reset(GROUP);
    }

    private void championIs(String model, String environment, int version, Instant since) {
        batch.update("""
                UPDATE serving_state s SET champion_version = ?, champion_since = ?, champion_uri = a.uri,
                       champion_digest = a.digest, candidate_version = NULL, candidate_traffic = NULL,
                       candidate_since = NULL, candidate_request = NULL, candidate_uri = NULL, candidate_digest = NULL
                FROM serving_artifact a
                WHERE s.model_name = ? AND s.environment = ? AND a.model_name = s.model_name AND a.version = ?""",
                version, java.sql.Timestamp.from(since), model, environment, version);
    }

    /** Closes the open intervals of (model, environment) and opens those of its current state. */
    private void recordIntervals(String model, String environment, Instant at, TrackingToken token) {
        long position = token.position().orElseThrow();
        batch.update("""
                UPDATE serving_interval SET valid_to = ?
                WHERE model_name = ? AND environment = ? AND valid_to IS NULL AND opened_at < ?""",
                java.sql.Timestamp.from(at), model, environment, position);
        record Current(Integer champion, Instant championSince, Integer candidate, int candidateTraffic,
                       Instant candidateSince, Integer request) {
        }
        batch.flush(); // the state this batch's earlier events left
        List<Current> open = jdbc.query("""
                SELECT champion_version, champion_since, candidate_version, candidate_traffic, candidate_since,
                       candidate_request
                FROM serving_state WHERE model_name = ? AND environment = ?""",
                (rs, n) -> new Current(rs.getObject(1, Integer.class), instant(rs.getTimestamp(2)),
                        rs.getObject(3, Integer.class), rs.getInt(4), instant(rs.getTimestamp(5)),
                        rs.getObject(6, Integer.class)), model, environment);
        if (open.isEmpty()) {
            return;
        }
        Current now = open.get(0);
        int candidateTraffic = now.candidate() == null ? 0 : now.candidateTraffic();
        if (now.champion() != null) {
            openInterval(model, environment, CHAMPION, now.champion(), 100 - candidateTraffic, null,
                    now.championSince(), at, position);
        }
        if (now.candidate() != null) {
            openInterval(model, environment, CANDIDATE, now.candidate(), candidateTraffic, now.request(),
                    now.candidateSince(), at, position);
        }
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private void openInterval(String model, String environment, String role, int version, int traffic,
                              Integer requestNumber, Instant since, Instant from, long position) {
        batch.update("""
                INSERT INTO serving_interval (model_name, environment, role, version, traffic_percent, request_number,
                        since, valid_from, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                model, environment, role, version, traffic, requestNumber, java.sql.Timestamp.from(since),
                java.sql.Timestamp.from(from), position);
    }
}
