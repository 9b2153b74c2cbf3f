package com.acme.registry.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Appends events under a transaction-scoped PostgreSQL lock, taken on the appending connection right before the
 * insert and held until the command's transaction commits. Events so take their global index in commit order
 * and the event store never has gaps: without it, concurrent commands on different models left gaps that a
 * tracking processor reading through the shared event-store cache could pass without handling the late event
 * (seen as audit records missing after a race test). Only the append and the commit are serialised; loading the
 * aggregate and deciding run concurrently.
 */
class SerialAppendStorageEngine extends JdbcEventStorageEngine {

    /** "EVENTS"; the benchmark harness's bulk seeder takes the same lock. */
    static final long APPEND_LOCK = 0x4556454e5453L;

    SerialAppendStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected PreparedStatement appendEvents(Connection connection, List<? extends EventMessage<?>> events,
                                             Serializer serializer) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        }
        return super.appendEvents(connection, events, serializer);
    }
}
