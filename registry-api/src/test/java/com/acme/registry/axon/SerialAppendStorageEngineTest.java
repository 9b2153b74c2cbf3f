package com.acme.registry.axon;

import com.acme.registry.support.TestDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking reads (the shared event cache's producer) are cut into reads of a bounded size; nothing is skipped. */
class SerialAppendStorageEngineTest {

    private static final int LIMIT = 5;
    private static final int EVENTS = 12;

    private static SerialAppendStorageEngine engine;

    @BeforeAll
    static void store() {
        DataSource dataSource = TestDatabase.migrated("serial_append_engine");
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        engine = new SerialAppendStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .schema(new AxonStorageConfiguration().eventSchema())
                .batchSize(3), LIMIT);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (long sequence = 0; sequence < EVENTS; sequence++) {
            jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                            + " payload, payload_type, meta_data, time_stamp) VALUES ('credit-limit', ?, 'RegisteredModel', ?,"
                            + " ?, 'java.lang.String', ?, '2026-11-27T00:00:00Z')",
                    sequence, "event-" + sequence, ("\"" + sequence + "\"").getBytes(), "{}".getBytes());
        }
    }

    @Test
    void aBlockingReadEndsAfterItsLimitAndTheNextGoesOnFromThere() {
        List<? extends TrackedEventMessage<?>> first = engine.readEvents(null, true).toList();
        assertThat(sequences(first)).containsExactly(0L, 1L, 2L, 3L, 4L);

        TrackingToken last = first.get(first.size() - 1).trackingToken();
        assertThat(sequences(engine.readEvents(last, true).toList())).containsExactly(5L, 6L, 7L, 8L, 9L);
    }

    @Test
    void aNonBlockingReadIsNotCut() {
        assertThat(sequences(engine.readEvents(null, false).toList()))
                .containsExactlyElementsOf(LongStream.range(0, EVENTS).boxed().toList());
    }

    private static List<Long> sequences(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(event -> ((DomainEventMessage<?>) event).getSequenceNumber()).toList();
    }
}
