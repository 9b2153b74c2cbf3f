package com.acme.registry.operations;

import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's completeness counts both tables in full; polled while nothing is written (as during a rebuild) the
 * counts are reused, but an append or removal at either end shows at once, and anything else within the reuse time.
 */
class AuditCompletenessCountTest {

    private static DataSource dataSource;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated("completeness");
    }

    @Test
    void countsAreReusedOnlyWhileNeitherHeadMoves() throws Exception {
        AtomicInteger fullCounts = new AtomicInteger();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource) {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                if (sql.contains("count(*)")) {
                    fullCounts.incrementAndGet();
                }
                return super.queryForObject(sql, requiredType);
            }
        };
        ProjectionFreshness freshness = new ProjectionFreshness(null, new com.acme.registry.axon.ProjectionPositions(), new EventStoreHead(jdbc), jdbc,
                Duration.ofMillis(500));
        event(jdbc, 10);
        audit(jdbc, 1, 10L);
        event(jdbc, 11);

        assertThat(freshness.audit()).isEqualTo(new ProjectionFreshness.AuditCompleteness(2, 1));
        int counted = fullCounts.get();
        assertThat(freshness.audit()).isEqualTo(new ProjectionFreshness.AuditCompleteness(2, 1));
        assertThat(fullCounts.get()).as("nothing written: the counts are reused").isEqualTo(counted);

        audit(jdbc, 2, 11L);
        assertThat(freshness.audit()).as("a new audit record shows at once")
                .isEqualTo(new ProjectionFreshness.AuditCompleteness(2, 2));
        assertThat(freshness.audit().complete()).isTrue();
        event(jdbc, 12);
        assertThat(freshness.audit()).as("a new event shows at once")
                .isEqualTo(new ProjectionFreshness.AuditCompleteness(3, 2));
        audit(jdbc, 3, null); // a security event moves the audit head too
        assertThat(freshness.audit()).isEqualTo(new ProjectionFreshness.AuditCompleteness(3, 2));
        audit(jdbc, 4, 12L);
        assertThat(freshness.audit().complete()).isTrue();

        jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
        jdbc.update("DELETE FROM audit_record WHERE sequence = 4");
        jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
        assertThat(freshness.audit()).as("a record removed at the end shows at once")
                .isEqualTo(new ProjectionFreshness.AuditCompleteness(3, 2));

        audit(jdbc, 4, 12L);
        assertThat(freshness.audit().complete()).isTrue();
        event(jdbc, 5); // committed late, below the head: the heads do not move
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (freshness.audit().complete() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(freshness.audit()).as("an event committed below the head shows within the reuse time")
                .isEqualTo(new ProjectionFreshness.AuditCompleteness(4, 3));
    }

    private static void event(JdbcTemplate jdbc, long globalIndex) {
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                        event_identifier, payload, payload_type, payload_revision, time_stamp)
                VALUES (?, ?, 0, 'RegisteredModel', ?, '{}'::bytea, 'x', '1', '2026-01-01T00:00:00.000Z')""",
                globalIndex, "model-" + globalIndex, "event-" + globalIndex);
    }

    private static void audit(JdbcTemplate jdbc, long sequence, Long position) {
        jdbc.update("""
                INSERT INTO audit_record (sequence, position, recorded_at, action, details, previous_hash, hash)
                VALUES (?, ?, now(), 'x', '{}', ?, ?)""", sequence, position, "0".repeat(64), "1".repeat(64));
    }
}
