package com.acme.registry.axon;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Positions read with plain SQL, over events of several models interleaved as concurrent commands leave them. */
class EventStoreHeadTest {

    private static JdbcTemplate jdbc;
    private static EventStoreHead head;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("event_store_head"));
        head = new EventStoreHead(jdbc);
        append("credit-limit", 0);
        append("fraud-score", 0);
        append("credit-limit", 1);
        append("fraud-score", 1);
        append("fraud-score", 2);
        append("credit-limit", 2);
        append("collections", 0);
    }

    @Test
    void theLastPositionOfAModelIsTheGlobalIndexOfItsNewestEvent() {
        assertThat(head.lastPositionOf("credit-limit")).isEqualTo(globalIndexOf("credit-limit", 2));
        assertThat(head.lastPositionOf("fraud-score")).isEqualTo(globalIndexOf("fraud-score", 2));
        assertThat(head.lastPositionOf("collections")).isEqualTo(globalIndexOf("collections", 0));
    }

    @Test
    void aModelWithoutEventsHasNoPosition() {
        assertThat(head.lastPositionOf("never-registered")).isEqualTo(-1);
        assertThat(head.lastPositionOf("credit")).isEqualTo(-1);
    }

    @Test
    void theHeadIsTheNewestEventOfAll() {
        assertThat(head.head()).isEqualTo(globalIndexOf("collections", 0));
    }

    private static void append(String model, long sequence) {
        jdbc.update("INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,"
                        + " payload, payload_type, time_stamp) VALUES (?, ?, 'RegisteredModel', ?, ?, 'test', ?)",
                model, sequence, model + "-" + sequence, new byte[] {'{', '}'}, "2026-11-27T00:00:00Z");
    }

    private static long globalIndexOf(String model, long sequence) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = ?", Long.class, model, sequence);
    }
}
