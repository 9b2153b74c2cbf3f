package com.acme.registry.feed;

import com.acme.registry.sql.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/**
 * The feed's table, {@code feed_event}: every event as published, by position. Written only by the feed's processor
 * ({@link FeedProjection}); read by streams catching up, the events page and webhook deliveries.
 */
@Repository
public class FeedLog {

    /** Held by a feed batch while it is written and by whatever must see batches as all-or-nothing. */
    public static final long FEED_LOCK = 0x46454544L; // "FEED"

    static final RowMapper<FeedEvent> ROW = (rs, n) -> new FeedEvent(rs.getLong("position"), rs.getString("type"),
            EventTypes.Category.valueOf(rs.getString("category")), rs.getString("model"),
            (Integer) rs.getObject("version"), rs.getString("environment"), rs.getString("actor"),
            Rows.instant(rs, "occurred_at"), (Integer) rs.getObject("subject_number"), rs.getString("body"));

    private final JdbcTemplate jdbc;

    public FeedLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** In the caller's transaction; an event written before (a replayed batch) is left as it is. */
    void insert(List<FeedEvent> events) {
        jdbc.batchUpdate("""
                INSERT INTO feed_event (position, type, category, model, version, environment, actor, occurred_at,
                                        subject_number, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (position) DO NOTHING""", events, 500, (ps, e) -> {
            ps.setLong(1, e.position());
            ps.setString(2, e.type());
            ps.setString(3, e.category().name());
            ps.setString(4, e.model());
            ps.setObject(5, e.version());
            ps.setString(6, e.environment());
            ps.setString(7, e.actor());
            ps.setTimestamp(8, Timestamp.from(e.occurredAt()));
            ps.setObject(9, e.subjectNumber());
            ps.setString(10, e.json());
        });
    }

    /** Takes {@link #FEED_LOCK} until the caller's transaction ends. */
    public void lockInTransaction() {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)::text", String.class, FEED_LOCK);
    }

    /** The last position the feed has written (0 when empty). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(position) FROM feed_event", Long.class);
        return head == null ? 0 : head;
    }

    /** Events after {@code position} that pass {@code filter}, oldest first, at most {@code limit}. */
    public List<FeedEvent> after(long position, FeedFilter filter, int limit) {
        return after(position, Long.MAX_VALUE, filter, limit);
    }

    /** Events in ({@code after}, {@code upTo}] that pass {@code filter}, oldest first, at most {@code limit}. */
    public List<FeedEvent> after(long after, long upTo, FeedFilter filter, int limit) {
        return jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT * FROM feed_event
                    WHERE position > ? AND position <= ? AND category = ANY (?)
                      AND (cardinality(?::text[]) = 0 OR type = ANY (?))
                      AND (cardinality(?::text[]) = 0 OR model = ANY (?))
                      AND (cardinality(?::text[]) = 0 OR environment = ANY (?))
                    ORDER BY position LIMIT ?""");
            Array categories = con.createArrayOf("text",
                    filter.categories().stream().map(Enum::name).toArray());
            Array types = con.createArrayOf("text", filter.types().toArray());
            Array models = con.createArrayOf("text", filter.models().toArray());
            Array environments = con.createArrayOf("text", filter.environments().toArray());
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setArray(3, categories);
            ps.setArray(4, types);
            ps.setArray(5, types);
            ps.setArray(6, models);
            ps.setArray(7, models);
            ps.setArray(8, environments);
            ps.setArray(9, environments);
            ps.setInt(10, limit);
            return ps;
        }, ROW);
    }

    public Optional<FeedEvent> at(long position) {
        return jdbc.query("SELECT * FROM feed_event WHERE position = ?", ROW, position).stream().findFirst();
    }

    /** The stored event that opened a request or a rollback ({@code type}) of {@code model} by its number. */
    Optional<FeedEvent> subject(String model, String type, int number) {
        return jdbc.query("""
                SELECT * FROM feed_event WHERE model = ? AND type = ? AND subject_number = ?
                ORDER BY position DESC LIMIT 1""", ROW, model, type, number).stream().findFirst();
    }
}
