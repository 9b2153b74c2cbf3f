package com.acme.registry.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the delivery log from growing for ever: once an hour, deliveries that went through longer ago than
 * {@code registry.webhooks.log-retention} are deleted with their attempts, in batches. A pending delivery is never
 * deleted, nor a failed one while its subscription exists (resuming it sends that delivery again); the failed
 * deliveries of a deleted subscription go after the retention too. The events themselves stay in the feed.
 */
@Component
class DeliveryLogPruner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLogPruner.class);
    static final int BATCH = 5_000;

    private final JdbcTemplate jdbc;
    private final WebhookProperties properties;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService schedule;

    DeliveryLogPruner(JdbcTemplate jdbc, WebhookProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Deletes what the retention lets go as of {@code now}; the number of deliveries deleted. */
    long prune(Instant now) {
        Timestamp before = Timestamp.from(now.minus(properties.logRetention()));
        long deleted = 0;
        for (int batch; (batch = pruneBatch(before)) > 0; ) {
            deleted += batch;
        }
        return deleted;
    }

    private int pruneBatch(Timestamp before) {
        Integer deleted = jdbc.queryForObject("""
                WITH gone AS (
                    SELECT d.id FROM webhook_delivery d JOIN webhook_subscription s ON s.id = d.subscription_id
                    WHERE (d.state = 'DELIVERED' AND d.delivered_at < ?)
                       OR (d.state = 'FAILED' AND s.deleted_at IS NOT NULL AND d.next_attempt_at < ?)
                    LIMIT ?),
                attempts AS (DELETE FROM webhook_attempt WHERE delivery_id IN (SELECT id FROM gone)),
                deliveries AS (DELETE FROM webhook_delivery WHERE id IN (SELECT id FROM gone) RETURNING 1)
                SELECT count(*) FROM deliveries""",
                Integer.class, before, before, BATCH);
        return deleted == null ? 0 : deleted;
    }

    @Override
    public void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "webhook-log-pruner");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            try {
                long deleted = prune(clock.instant());
                if (deleted > 0) {
                    log.info("Pruned {} webhook deliveries older than {} from the delivery log", deleted,
                            properties.logRetention());
                }
            } catch (RuntimeException e) {
                log.warn("The webhook delivery log could not be pruned (tried again in an hour): {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public void stop() {
        schedule.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return schedule != null && !schedule.isShutdown();
    }
}
