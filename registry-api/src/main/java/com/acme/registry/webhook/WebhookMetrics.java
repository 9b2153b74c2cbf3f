package com.acme.registry.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Webhook meters: {@code registry.webhooks.attempts{outcome=delivered|retried|given-up}}, the timer
 * {@code registry.webhooks.delivery.latency} (queued → delivered, the staleness a receiver sees), and the gauges
 * {@code registry.webhooks.pending} (deliveries not yet through, held ones included) and
 * {@code registry.webhooks.failing} (subscriptions marked failing).
 */
@Component
class WebhookMetrics {

    private final Counter delivered;
    private final Counter retried;
    private final Counter givenUp;
    private final Timer latency;

    WebhookMetrics(MeterRegistry registry, JdbcTemplate jdbc) {
        delivered = attempts(registry, "delivered");
        retried = attempts(registry, "retried");
        givenUp = attempts(registry, "given-up");
        latency = Timer.builder("registry.webhooks.delivery.latency")
                .description("from a delivery being queued to its receiver's 2xx answer").publishPercentileHistogram()
                .register(registry);
        Gauge.builder("registry.webhooks.pending", jdbc,
                        j -> count(j, "SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING'"))
                .description("deliveries not yet through (waiting, retrying or held)").register(registry);
        Gauge.builder("registry.webhooks.failing", jdbc, j -> count(j, "SELECT count(*) FROM webhook_subscription "
                        + "WHERE failing_since IS NOT NULL AND deleted_at IS NULL"))
                .description("subscriptions whose retries ran out; they hold their deliveries until resumed")
                .register(registry);
    }

    private static Counter attempts(MeterRegistry registry, String outcome) {
        return Counter.builder("registry.webhooks.attempts").tag("outcome", outcome)
                .description("delivery attempts by outcome").register(registry);
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        try {
            Long count = jdbc.queryForObject(sql, Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException databaseDown) {
            return Double.NaN;
        }
    }

    void delivered(Duration sinceQueued) {
        delivered.increment();
        latency.record(sinceQueued);
    }

    void retried() {
        retried.increment();
    }

    void givenUp() {
        givenUp.increment();
    }
}
