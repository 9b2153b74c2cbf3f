package com.acme.registry.compliance;

import com.acme.registry.promotion.GovernanceQueries;

import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.web.PageRequest;
import com.acme.registry.promotion.PolicyInForce;
import com.acme.registry.promotion.PromotionApproved;
import com.acme.registry.promotion.PromotionGranted;
import com.acme.registry.promotion.PromotionProjection;
import com.acme.registry.promotion.PromotionRequested;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.support.TestDatabase;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release records of the governance projection and the releases view over them, against a real migrated
 * PostgreSQL without Spring. Events are handed over as Axon would: payload, timestamp, position and actor.
 */
class ReleaseProjectionTest {

    private static final String M = "release-model";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    private static final List<String> TABLES = List.of("promotion_request", "promotion_approval", "model_rollback",
            "rollout_start", "model_release");

    private static JdbcTemplate jdbc;

    private PromotionProjection projection;
    private ComplianceQueries queries;

    private record Stored(Object event, long position, Instant at, String actor) {
    }

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("releases"));
    }

    @BeforeEach
    void empty() {
        TABLES.forEach(t -> jdbc.update("DELETE FROM " + t));
        projection = new PromotionProjection(jdbc, new ProjectionPositions());
        queries = new ComplianceQueries(jdbc, JsonMapper.builder().build(), new GovernanceQueries(jdbc));
    }

    /**
     * v1 released (request 1), v2 released (request 2, which gets a hand-made approval after its release), an
     * emergency rollback to v1, and a staging release without a request.
     */
    private static List<Stored> history() {
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

    private static Stored at(long position, int minutes, String actor, Object event) {
        return new Stored(event, position, T0.plus(minutes, ChronoUnit.MINUTES), actor);
    }

    private void apply(Stored stored) {
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

    @Test
    void everyChampionChangeIsARelease() {
        history().forEach(this::apply);

        assertThat(releases()).containsExactly(
                "11 production v1 ROLLOUT request=1 replaced=null rollback=null by=alice at=" + T0.plus(11, ChronoUnit.MINUTES),
                "21 production v2 ROLLOUT request=2 replaced=1 rollback=null by=alice at=" + T0.plus(21, ChronoUnit.MINUTES),
                "23 production v1 ROLLBACK request=1 replaced=2 rollback=1 by=alice at=" + T0.plus(23, ChronoUnit.MINUTES),
                "25 staging v2 ROLLOUT request=null replaced=null rollback=null by=bob at=" + T0.plus(25, ChronoUnit.MINUTES));
        assertThat(jdbc.queryForList("SELECT position, environment, version, request_number FROM rollout_start"
                + " ORDER BY position")).extracting(r -> r.get("position") + " " + r.get("environment") + " v"
                + r.get("version") + " #" + r.get("request_number"))
                .containsExactly("10 production v1 #1", "20 production v2 #2", "24 staging v2 #null");
    }

    @Test
    void aRollbackTakesTheRequestOfTheReleaseThatMadeTheRestoredVersionChampion() {
        history().forEach(this::apply);
        // v2 released again with request 3, then replaced, then restored: its last release was that of request 3
        apply(at(30, 30, "alice", new RolloutStarted(M, "production", 2, 10, 3, 1)));
        apply(at(31, 31, "alice", new RolloutCompleted(M, "production", 2, 1)));
        apply(at(32, 32, "alice", new RolloutStarted(M, "production", 1, 10, 1, 2)));
        apply(at(33, 33, "alice", new RolloutCompleted(M, "production", 1, 2)));
        apply(at(34, 34, "bob", new RolledBack(M, "production", 2, 2, 1, "again", "bob", true)));

        assertThat(releases()).last().isEqualTo(
                "34 production v2 ROLLBACK request=3 replaced=1 rollback=2 by=bob at=" + T0.plus(34, ChronoUnit.MINUTES));
    }

    @Test
    void applyingTheHandlersTwiceChangesNothing() {
        history().forEach(this::apply);
        Map<String, List<Map<String, Object>>> once = tables();
        assertThat(once.get("model_release")).hasSize(4);

        history().forEach(this::apply); // a replay of the whole stream
        assertThat(tables()).isEqualTo(once);

        empty();
        history().forEach(e -> {
            apply(e);
            apply(e); // each event redelivered at once
        });
        assertThat(tables()).isEqualTo(once);
    }

    @Test
    void theResetEmptiesTheReleaseTables() {
        history().forEach(this::apply);

        projection.reset();

        for (String table : TABLES) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class)).as(table).isZero();
        }
        history().forEach(this::apply);
        assertThat(releases()).hasSize(4);
    }

    @Test
    void theReleasesViewFlagsBothKindsOfException() {
        history().forEach(this::apply);

        var page = queries.releases("production", T0, T0.plus(1, ChronoUnit.HOURS), null, PageRequest.of(0, 10));

        assertThat(page.totalItems()).isEqualTo(3);
        assertThat(page.items()).extracting(r -> r.kind() + " v" + r.version() + " " + r.exceptions())
                .containsExactly("ROLLOUT v1 []", "ROLLOUT v2 [APPROVED_AFTER_RELEASE]",
                        "ROLLBACK v1 [EMERGENCY_ROLLBACK_UNACKNOWLEDGED]");
        ReleaseView rollback = page.items().get(2);
        assertThat(rollback.promotionRequest().number()).isEqualTo(1);
        assertThat(rollback.promotionRequest().policy().requiredApprovals()).isEqualTo(2);
        assertThat(rollback.approvals()).extracting(a -> a.approvedBy()).containsExactly("rita", "ravi");
        assertThat(page.items().get(1).approvals()).extracting(a -> a.approvedBy())
                .containsExactly("rita", "ravi", "late-reviewer");
        assertThat(rollback.evidence()).as("no catalog rows in this database").isNull();

        apply(at(40, 40, "ravi", new RollbackAcknowledged(M, 1, "ravi", "reviewed")));

        var acknowledged = queries.releases("production", T0, T0.plus(1, ChronoUnit.HOURS), M, PageRequest.of(0, 10));
        assertThat(acknowledged.items().get(2).exceptions()).isEmpty();
        assertThat(acknowledged.items().get(2).rollback().acknowledgedBy()).isEqualTo("ravi");
        assertThat(queries.releases("staging", T0, T0.plus(1, ChronoUnit.HOURS), M, PageRequest.of(0, 10)).items())
                .singleElement().satisfies(r -> {
                    assertThat(r.promotionRequest()).isNull();
                    assertThat(r.approvals()).isEmpty();
                    assertThat(r.exceptions()).isEmpty();
                });
    }

    private List<String> releases() {
        return jdbc.query("SELECT * FROM model_release ORDER BY position", (rs, n) -> rs.getLong("position") + " "
                + rs.getString("environment") + " v" + rs.getInt("version") + " " + rs.getString("kind")
                + " request=" + rs.getObject("request_number") + " replaced=" + rs.getObject("replaced_version")
                + " rollback=" + rs.getObject("rollback_number") + " by=" + rs.getString("released_by")
                + " at=" + rs.getTimestamp("released_at").toInstant());
    }

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> contents = new java.util.LinkedHashMap<>();
        for (String table : TABLES) {
            contents.put(table, jdbc.queryForList("SELECT * FROM " + table + " ORDER BY 1, 2, 3"));
        }
        return contents;
    }
}
