package com.acme.registry.axon;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Positions in the event store, read with plain SQL. */
@Component
public class EventStoreHead {

    private final JdbcTemplate jdbc;

    public EventStoreHead(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the newest event of one aggregate, or -1 when it has none. */
    public long lastPositionOf(String aggregateIdentifier) {
        Long position = jdbc.queryForObject(
                "SELECT max(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateIdentifier);
        return position == null ? -1 : position;
    }

    public long head() {
        Long position = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return position == null ? -1 : position;
    }
}
