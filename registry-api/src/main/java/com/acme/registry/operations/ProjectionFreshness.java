package com.acme.registry.operations;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.EventStoreHead;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/**
 * How far each projection is behind the head of the event store, and whether the audit log has seen every
 * stored event (a projection that silently skipped an event, AxonFramework#4829, shows up here).
 */
@Component
public class ProjectionFreshness {

    private final Configuration axon;
    private final EventStoreHead eventStore;
    private final JdbcTemplate jdbc;

    public ProjectionFreshness(Configuration axon, EventStoreHead eventStore, JdbcTemplate jdbc) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    public record GroupStatus(String group, boolean running, boolean error, boolean replaying, long position,
                              long head, long lag) {
    }

    public record AuditCompleteness(long eventsStored, long eventsRecorded) {
        public boolean complete() {
            return eventsStored == eventsRecorded;
        }
    }

    public List<GroupStatus> groups() {
        long head = eventStore.head();
        return AxonProcessingConfiguration.TRACKED_GROUPS.stream().map(group -> status(group, head)).toList();
    }

    public Optional<GroupStatus> group(String group) {
        return AxonProcessingConfiguration.TRACKED_GROUPS.contains(group)
                ? Optional.of(status(group, eventStore.head())) : Optional.empty();
    }

    public AuditCompleteness audit() {
        Long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        Long recorded = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE position IS NOT NULL", Long.class);
        return new AuditCompleteness(stored == null ? 0 : stored, recorded == null ? 0 : recorded);
    }

    private GroupStatus status(String group, long head) {
        Optional<StreamingEventProcessor> processor = axon.eventProcessingConfiguration()
                .eventProcessor(group, StreamingEventProcessor.class);
        if (processor.isEmpty()) {
            return new GroupStatus(group, false, true, false, -1, head, Math.max(0, head + 1));
        }
        var statuses = processor.get().processingStatus().values();
        long position = statuses.stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.isPresent() ? p.getAsLong() : -1).min().orElse(-1);
        boolean error = statuses.stream().anyMatch(EventTrackerStatus::isErrorState) || processor.get().isError();
        boolean replaying = statuses.stream().anyMatch(EventTrackerStatus::isReplaying);
        return new GroupStatus(group, processor.get().isRunning(), error, replaying, position, head,
                Math.max(0, head - position));
    }
}
