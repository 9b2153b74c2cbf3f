package com.acme.registry.promotion;

import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static com.acme.registry.promotion.ReleaseHistory.M;
import static com.acme.registry.promotion.ReleaseHistory.T0;
import static com.acme.registry.promotion.ReleaseHistory.TABLES;
import static com.acme.registry.promotion.ReleaseHistory.at;
import static com.acme.registry.promotion.ReleaseHistory.events;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release records of the governance projection (the only writer of {@code model_release}), against a real
 * migrated PostgreSQL without Spring. The releases view over them is tested with its reader, in compliance.
 */
class ReleaseProjectionTest {

    private static JdbcTemplate jdbc;

    private ReleaseHistory writer;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("releases"));
    }

    @BeforeEach
    void empty() {
        TABLES.forEach(t -> jdbc.update("DELETE FROM " + t));
        writer = new ReleaseHistory(jdbc);
    }

    @Test
    void everyChampionChangeIsARelease() {
        events().forEach(writer::apply);

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
        events().forEach(writer::apply);
        // v2 released again with request 3, then replaced, then restored: its last release was that of request 3
        writer.apply(at(30, 30, "alice", new RolloutStarted(M, "production", 2, 10, 3, 1)));
        writer.apply(at(31, 31, "alice", new RolloutCompleted(M, "production", 2, 1)));
        writer.apply(at(32, 32, "alice", new RolloutStarted(M, "production", 1, 10, 1, 2)));
        writer.apply(at(33, 33, "alice", new RolloutCompleted(M, "production", 1, 2)));
        writer.apply(at(34, 34, "bob", new RolledBack(M, "production", 2, 2, 1, "again", "bob", true)));

        assertThat(releases()).last().isEqualTo(
                "34 production v2 ROLLBACK request=3 replaced=1 rollback=2 by=bob at=" + T0.plus(34, ChronoUnit.MINUTES));
    }

    @Test
    void applyingTheHandlersTwiceChangesNothing() {
        events().forEach(writer::apply);
        Map<String, List<Map<String, Object>>> once = tables();
        assertThat(once.get("model_release")).hasSize(4);

        events().forEach(writer::apply); // a replay of the whole stream
        assertThat(tables()).isEqualTo(once);

        empty();
        events().forEach(e -> {
            writer.apply(e);
            writer.apply(e); // each event redelivered at once
        });
        assertThat(tables()).isEqualTo(once);
    }

    @Test
    void theResetEmptiesTheReleaseTables() {
        events().forEach(writer::apply);

        writer.reset();

        for (String table : TABLES) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class)).as(table).isZero();
        }
        events().forEach(writer::apply);
        assertThat(releases()).hasSize(4);
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
