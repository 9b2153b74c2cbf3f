package com.acme.registry.webhook;

import com.acme.registry.feed.FeedEvent;
import com.acme.registry.feed.FeedFilter;
import com.acme.registry.sql.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The {@code webhook_delivery} and {@code webhook_attempt} tables: what is to be sent, and every attempt. */
@Repository
class DeliveryLog {

    static final String PENDING = "PENDING";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";

    /** The oldest undelivered delivery of one model for one subscription: the only one of them that may be sent. */
    record Head(UUID id, UUID subscriptionId, String model, long position, String eventType, int attempts,
                Instant createdAt, Instant nextAttemptAt, Instant retryUntil) {
    }

    private static final RowMapper<Head> HEAD = (rs, n) -> new Head(rs.getObject("id", UUID.class),
            rs.getObject("subscription_id", UUID.class), rs.getString("model"), rs.getLong("position"),
            rs.getString("event_type"), rs.getInt("attempts"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "next_attempt_at"), Rows.instant(rs, "retry_until"));

    /** A delivery to create. */
    record NewDelivery(UUID subscriptionId, FeedEvent event) {
    }

    private static final RowMapper<Delivery> ROW = (rs, n) -> new Delivery(rs.getObject("id", UUID.class),
            rs.getObject("subscription_id", UUID.class), rs.getLong("position"), rs.getString("event_type"),
            rs.getString("model"), rs.getString("state").toLowerCase(Locale.ROOT), rs.getInt("attempts"),
            Rows.instant(rs, "created_at"), PENDING.equals(rs.getString("state")) ? Rows.instant(rs, "next_attempt_at")
            : null, Rows.instant(rs, "delivered_at"), (Integer) rs.getObject("last_status"),
            (Integer) rs.getObject("last_latency_ms"), rs.getString("last_error"), rs.getString("requested_by"));

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void create(List<NewDelivery> deliveries, Instant now, Instant retryUntil) {
        jdbc.batchUpdate("""
                INSERT INTO webhook_delivery (id, subscription_id, position, event_type, model, state, created_at,
                    next_attempt_at, retry_until)
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?)""", deliveries, 500, (ps, d) -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, d.subscriptionId());
            ps.setLong(3, d.event().position());
            ps.setString(4, d.event().type());
            ps.setString(5, d.event().model());
            ps.setTimestamp(6, Timestamp.from(now));
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(retryUntil));
        });
    }

    /** The head of every (subscription, model) queue of subscriptions that are active, due or not. */
    List<Head> heads() {
        return jdbc.query("""
                SELECT DISTINCT ON (d.subscription_id, d.model) d.id, d.subscription_id, d.model, d.position,
                       d.event_type, d.attempts, d.created_at, d.next_attempt_at, d.retry_until
                FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                WHERE d.state = 'PENDING' AND s.enabled AND s.failing_since IS NULL AND s.deleted_at IS NULL
                ORDER BY d.subscription_id, d.model, d.position, d.created_at""", HEAD);
    }

    /**
     * The next delivery of one (subscription, model) queue, with its event's body, while the subscription is active:
     * what a sender sends next after a delivery of that queue went through, without a pass over every queue.
     */
    Optional<Due> next(UUID subscription, String model) {
        List<Object> args = new ArrayList<>(List.of(subscription));
        if (model != null) {
            args.add(model);
        }
        return jdbc.query("""
                SELECT d.id, d.subscription_id, d.model, d.position, d.event_type, d.attempts, d.created_at,
                       d.next_attempt_at, d.retry_until, e.body
                FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                     JOIN feed_event e ON e.position = d.position
                WHERE d.subscription_id = ? AND %s AND d.state = 'PENDING'
                  AND s.enabled AND s.failing_since IS NULL AND s.deleted_at IS NULL
                ORDER BY d.position, d.created_at LIMIT 1""".formatted(model == null ? "d.model IS NULL" : "d.model = ?"),
                (rs, n) -> new Due(HEAD.mapRow(rs, n), rs.getString("body")), args.toArray()).stream().findFirst();
    }

    /** A queue's next delivery and the body to send. */
    record Due(Head head, String body) {
    }

    /** Records an attempt and the delivery's new state, in one statement. */
    void recordAttempt(UUID delivery, int attempt, Instant startedAt, WebhookSender.Outcome outcome, String state,
                       Instant nextAttemptAt) {
        jdbc.update("""
                WITH attempt AS (
                    INSERT INTO webhook_attempt (delivery_id, attempt, started_at, status, latency_ms, error,
                                                 response_excerpt)
                    VALUES (?, ?, ?, ?, ?, ?, ?))
                UPDATE webhook_delivery SET state = ?, attempts = ?, next_attempt_at = ?, last_status = ?,
                    last_latency_ms = ?, last_error = ?, delivered_at = ?
                WHERE id = ?""",
                delivery, attempt, Timestamp.from(startedAt), outcome.status(), outcome.latencyMillis(),
                outcome.error(), outcome.excerpt(),
                state, attempt, Timestamp.from(nextAttemptAt), outcome.status(), outcome.latencyMillis(),
                outcome.error(), DELIVERED.equals(state)
                        ? Timestamp.from(startedAt.plusMillis(outcome.latencyMillis())) : null, delivery);
    }

    /** A subscription's deliveries, newest event first; {@code state} null for all; before an event id for paging. */
    /**
     * The deliveries of the {@code limit} newest events before {@code beforeEventId}, newest first. A page ends at an
     * event boundary (it may hold a few more than {@code limit} rows when the last event was redelivered), so the next
     * page, before the last event id shown, misses none of that event's deliveries.
     */
    List<Delivery> list(UUID subscription, String state, Long beforeEventId, int limit) {
        List<Object> filterArgs = new ArrayList<>(List.of(subscription));
        StringBuilder filter = new StringBuilder(" WHERE subscription_id = ?");
        if (state != null) {
            filter.append(" AND state = ?");
            filterArgs.add(state.toUpperCase(Locale.ROOT));
        }
        if (beforeEventId != null) {
            filter.append(" AND position < ?");
            filterArgs.add(beforeEventId);
        }
        String sql = "SELECT * FROM webhook_delivery" + filter + " AND position >= (SELECT min(position) FROM "
                + "(SELECT position FROM webhook_delivery" + filter + " ORDER BY position DESC LIMIT ?) page)"
                + " ORDER BY position DESC, created_at DESC, id";
        List<Object> args = new ArrayList<>(filterArgs);
        args.addAll(filterArgs);
        args.add(limit);
        return jdbc.query(sql, ROW, args.toArray());
    }

    Optional<Delivery> find(UUID subscription, UUID delivery) {
        return jdbc.query("SELECT * FROM webhook_delivery WHERE id = ? AND subscription_id = ?", ROW, delivery,
                subscription).stream().findFirst();
    }

    List<Delivery.Attempt> attempts(UUID delivery) {
        return jdbc.query("SELECT * FROM webhook_attempt WHERE delivery_id = ? ORDER BY attempt",
                (rs, n) -> new Delivery.Attempt(rs.getInt("attempt"), Rows.instant(rs, "started_at"),
                        (Integer) rs.getObject("status"), rs.getInt("latency_ms"), rs.getString("error"),
                        rs.getString("response_excerpt")), delivery);
    }

    /** A new delivery of an event that was delivered (or not) before. */
    UUID redeliver(Delivery original, String admin, Instant now, Instant retryUntil) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO webhook_delivery (id, subscription_id, position, event_type, model, state, created_at,
                    next_attempt_at, retry_until, requested_by)
                VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?)""", id, original.subscriptionId(), original.eventId(),
                original.eventType(), original.model(), Timestamp.from(now), Timestamp.from(now),
                Timestamp.from(retryUntil), admin);
        return id;
    }

    /** New deliveries of the events in [from, to] that pass the subscription's filter; how many. */
    int redeliverRange(Subscription subscription, long from, long to, String admin, Instant now, Instant retryUntil) {
        return jdbc.update("""
                INSERT INTO webhook_delivery (id, subscription_id, position, event_type, model, state, created_at,
                    next_attempt_at, retry_until, requested_by)
                SELECT gen_random_uuid(), ?, position, type, model, 'PENDING', ?, ?, ?, ?
                FROM feed_event
                WHERE position BETWEEN ? AND ?
                  AND (cardinality(?::text[]) = 0 OR type = ANY (?::text[]))
                  AND (cardinality(?::text[]) = 0 OR model = ANY (?::text[]))
                  AND (cardinality(?::text[]) = 0 OR environment = ANY (?::text[]))""",
                concat(List.of(subscription.id(), Timestamp.from(now), Timestamp.from(now), Timestamp.from(retryUntil),
                        admin, from, to), filterArguments(subscription)));
    }

    /** Gives deliveries that ran out of retries a new retry period, from now; how many. */
    int requeueFailed(UUID subscription, Instant now, Instant retryUntil) {
        return jdbc.update("""
                UPDATE webhook_delivery SET state = 'PENDING', next_attempt_at = ?, retry_until = ?
                WHERE subscription_id = ? AND state = 'FAILED'""", Timestamp.from(now), Timestamp.from(retryUntil),
                subscription);
    }

    /** A deleted subscription's queued deliveries are never sent: they end as failed, saying why. */
    int cancelPending(UUID subscription) {
        return jdbc.update("""
                UPDATE webhook_delivery SET state = 'FAILED', last_error = 'subscription deleted: not sent'
                WHERE subscription_id = ? AND state = 'PENDING'""", subscription);
    }

    long countInRange(Subscription subscription, long from, long to) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM feed_event WHERE position BETWEEN ? AND ?
                  AND (cardinality(?::text[]) = 0 OR type = ANY (?::text[]))
                  AND (cardinality(?::text[]) = 0 OR model = ANY (?::text[]))
                  AND (cardinality(?::text[]) = 0 OR environment = ANY (?::text[]))""", Long.class,
                concat(List.of(from, to), filterArguments(subscription)));
        return count == null ? 0 : count;
    }

    /** The filter's arrays, each twice (is it empty, does it hold the value), a category as its types. */
    private static List<Object> filterArguments(Subscription subscription) {
        Object types = PgArrays.text(List.copyOf(FeedFilter.expandCategories(subscription.types())));
        Object models = PgArrays.text(subscription.models());
        Object environments = PgArrays.text(subscription.environments());
        return List.of(types, types, models, models, environments, environments);
    }

    private static Object[] concat(List<Object> first, List<Object> then) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(then);
        return all.toArray();
    }
}
