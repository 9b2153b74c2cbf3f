package com.acme.registry.operations;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.axon.ProjectionPositions;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far each projection is behind the head of the event store, and whether the audit log has seen every
 * stored event (a projection that silently skipped an event, AxonFramework#4829, shows up here).
 */
@Component
public class ProjectionFreshness {

    private final Configuration axon;
    private final ProjectionPositions positions;
    private final EventStoreHead eventStore;
    private final JdbcTemplate jdbc;
    private final long countReuseNanos;

    @Autowired
    public ProjectionFreshness(Configuration axon, ProjectionPositions positions, EventStoreHead eventStore,
                               JdbcTemplate jdbc) {
        this(axon, positions, eventStore, jdbc, Duration.ofMillis(COUNT_REUSE_MILLIS));
    }

    ProjectionFreshness(Configuration axon, ProjectionPositions positions, EventStoreHead eventStore, JdbcTemplate jdbc,
                        Duration countReuse) {
        this.axon = axon;
        this.positions = positions;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.countReuseNanos = countReuse.toNanos();
    }

    /**
     * One processing group: {@code failure} is set while the group cannot commit an event (its processor retries it),
     * null otherwise.
     */
    public record GroupStatus(String group, boolean running, boolean error, boolean replaying, long position,
                              long head, long lag, ProjectionPositions.Failure failure) {
    }

    public record AuditCompleteness(long eventsStored, long eventsRecorded) {
        public boolean complete() {
            return eventsStored == eventsRecorded;
        }
    }

    public List<GroupStatus> groups() {
        long head = eventStore.head();
        return AxonProcessingConfiguration.PROCESSING_GROUPS.stream().map(group -> status(group, head)).toList();
    }

    public Optional<GroupStatus> group(String group) {
        return AxonProcessingConfiguration.PROCESSING_GROUPS.contains(group)
                ? Optional.of(status(group, eventStore.head())) : Optional.empty();
    }

    /**
     * Counts the stored events and the audit records of events. Both counts read their whole table, so a count is
     * reused while neither head has moved (the newest event's global index, the newest audit record's sequence: two
     * index lookups), for at most {@value #COUNT_REUSE_MILLIS} ms: polling this while nothing is written (e.g. while
     * the read models are rebuilt) does not scan both tables every time. Any append or removal at either end is seen
     * at once; an event committed late below the head (AxonFramework#4829) within that time.
     */
    public AuditCompleteness audit() {
        long eventHead = eventStore.head();
        Long auditHead = jdbc.queryForObject("SELECT max(sequence) FROM audit_record", Long.class);
        long now = System.nanoTime();
        Counted last = lastCount.get();
        if (last != null && last.eventHead() == eventHead && Objects.equals(last.auditHead(), auditHead)
                && now - last.countedAt() < countReuseNanos) {
            return last.counts();
        }
        Long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Long recorded = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE position IS NOT NULL", Long.class);
        AuditCompleteness counts = new AuditCompleteness(stored == null ? 0 : stored, recorded == null ? 0 : recorded);
        lastCount.set(new Counted(eventHead, auditHead, now, counts));
        return counts;
    }

    static final long COUNT_REUSE_MILLIS = 5_000;

    private record Counted(long eventHead, Long auditHead, long countedAt, AuditCompleteness counts) {
    }

    private final AtomicReference<Counted> lastCount = new AtomicReference<>();

    private GroupStatus status(String group, long head) {
        Optional<StreamingEventProcessor> processor = axon.eventProcessingConfiguration()
                .eventProcessor(group, StreamingEventProcessor.class);
        ProjectionPositions.Failure failure = positions.failure(group).orElse(null);
        if (processor.isEmpty()) {
            return new GroupStatus(group, false, true, false, -1, head, Math.max(0, head + 1), failure);
        }
        var statuses = processor.get().processingStatus().values();
        long position = statuses.stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.isPresent() ? p.getAsLong() : -1).min().orElse(-1);
        boolean error = statuses.stream().anyMatch(EventTrackerStatus::isErrorState) || processor.get().isError()
                || failure != null;
        if (failure == null && error) { // failed outside a batch (e.g. claiming its token): what the processor knows
            failure = statuses.stream().filter(EventTrackerStatus::isErrorState).findFirst()
                    .map(s -> new ProjectionPositions.Failure(processor.get().getName(), position + 1, position + 1,
                            s.getError() == null ? "in error" : ProjectionPositions.describe(s.getError()), null, 0))
                    .orElse(null);
        }
        boolean replaying = statuses.stream().anyMatch(EventTrackerStatus::isReplaying);
        return new GroupStatus(group, processor.get().isRunning(), error, replaying, position, head,
                Math.max(0, head - position), failure);
    }
}
