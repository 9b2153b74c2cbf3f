package com.acme.registry.bench.seed;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelVersionRegistered;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bulk path of seeding: the events a registration over HTTP would store ({@code ModelRegistered}, then
 * {@code ModelVersionRegistered} 1..n, aggregate type {@code RegisteredModel}, metadata actor / actingFor (the owner of
 * the writer token) / correlationId / requestedAt), serialised by Axon's JacksonSerializer with the registry's mapper settings and appended by Axon's own
 * {@link JdbcEventStorageEngine} with the registry's event schema, many per transaction. What it skips is the command
 * side (HTTP, security, validation, the aggregate, read-your-writes waits): the registry's own projections then build
 * every read model and the audit log from these events, as they would from events written by HTTP.
 *
 * <p>Each transaction first takes the registry's append lock ({@code SerialAppendStorageEngine}), so events take their
 * global index in commit order and the tracking processors see no gaps, even if the registry writes meanwhile.
 */
public final class BulkSeeder {

    /** SerialAppendStorageEngine.APPEND_LOCK of registry-api ("EVENTS"). */
    static final long APPEND_LOCK = 0x4556454e5453L;
    static final String AGGREGATE_TYPE = "RegisteredModel";

    private final Connection connection;
    private final JdbcEventStorageEngine engine;
    private final String actor;
    private final String actingFor;

    public BulkSeeder(Connection connection, String actor, String actingFor) throws SQLException {
        this.connection = connection;
        this.actor = actor;
        this.actingFor = actingFor;
        connection.setAutoCommit(false);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(Evidence.axonObjectMapper()).build();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(() -> nonClosing(connection))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(registrySchema())
                .build();
    }

    /** The registry's EventSchema (AxonStorageConfiguration.eventSchema). */
    public static EventSchema registrySchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .build();
    }

    /** The events of seed models {@code from .. from+count-1}, each with {@code versions} versions. */
    public static List<DomainEventMessage<?>> events(int from, int count, int versions, String actor,
                                                     String actingFor) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count * (versions + 1));
        for (int index = from; index < from + count; index++) {
            String name = Evidence.seedModelName(index);
            events.add(event(name, 0, new ModelRegistered(name, Evidence.model(index), actor), actor, actingFor));
            for (int v = 1; v <= versions; v++) {
                Integer parent = v > 1 && v % 3 != 1 ? v - 1 : null;
                events.add(event(name, v, new ModelVersionRegistered(name, v, Evidence.version(name, v, parent), actor),
                        actor, actingFor));
            }
        }
        return events;
    }

    /** {@code actingFor} null: the actor is a person, whose events carry no {@code actingFor}. */
    private static DomainEventMessage<?> event(String aggregate, long sequence, Object payload, String actor,
                                               String actingFor) {
        Map<String, Object> metaData = new HashMap<>();
        metaData.put("actor", actor);
        if (actingFor != null) {
            metaData.put("actingFor", actingFor);
        }
        metaData.put("correlationId", UUID.randomUUID().toString());
        metaData.put("requestedAt", Instant.now().toString());
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregate, sequence, payload, MetaData.from(metaData));
    }

    /** Appends seed models {@code from .. from+count-1} in one transaction; returns the number of events. */
    public int append(int from, int count, int versions) throws SQLException {
        List<DomainEventMessage<?>> events = events(from, count, versions, actor, actingFor);
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
            engine.appendEvents(events);
            connection.commit();
        } catch (RuntimeException | SQLException e) {
            connection.rollback();
            throw e;
        }
        return events.size();
    }

    private static Connection nonClosing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> "close".equals(method.getName()) ? null : invoke(connection, method, args));
    }

    private static Object invoke(Connection target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
