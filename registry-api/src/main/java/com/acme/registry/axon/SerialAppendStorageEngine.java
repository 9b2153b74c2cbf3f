package com.acme.registry.axon;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

/**
 * Appends events under a transaction-scoped PostgreSQL lock, taken on the appending connection right before the
 * insert and held until the command's transaction commits. Events so take their global index in commit order
 * and the event store never has gaps: without it, concurrent commands on different models left gaps that a
 * tracking processor reading through the shared event-store cache could pass without handling the late event
 * (seen as audit records missing after a race test). Only the append and the commit are serialised; loading the
 * aggregate and deciding run concurrently.
 * <p>
 * A blocking read (the one Axon's {@code EmbeddedEventStore} producer makes to fill the cache its tracking processors
 * share) ends after {@code blockingReadLimit} events; the producer then reads on from where it stopped. The producer
 * keeps the first cache node of a read until that read ends (a local variable of {@code fetchData}), and every node
 * after it stays reachable from that one: while events kept arriving, a read never ended, and a burst of 857,000
 * bulk-written events was held in memory until the registry ran out of heap (docs/benchmarks.md; the kind of leak of
 * AxonFramework#2954). Non-blocking reads, a tracking processor's own stream, are not cut.
 */
class SerialAppendStorageEngine extends JdbcEventStorageEngine {

    /** "EVENTS"; the benchmark harness's bulk seeder takes the same lock. */
    static final long APPEND_LOCK = 0x4556454e5453L;

    private final int blockingReadLimit;

    SerialAppendStorageEngine(Builder builder, int blockingReadLimit) {
        super(builder);
        this.blockingReadLimit = blockingReadLimit;
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        Stream<? extends TrackedEventMessage<?>> events = super.readEvents(trackingToken, mayBlock);
        return mayBlock ? events.limit(blockingReadLimit) : events;
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
