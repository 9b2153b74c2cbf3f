package com.acme.registry.webhook;

import com.acme.registry.support.GovernanceIntegrationTest;
import com.acme.registry.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log lets go of what went through after the retention (30 days), and keeps what may still be sent. */
class DeliveryLogPrunerTest extends GovernanceIntegrationTest {

    @Autowired
    DeliveryLogPruner pruner;

    @Test
    void deliveredDeliveriesGoAfterTheRetentionPendingAndHeldOnesStay() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            String model = createModel("pruned", "LOW");
            String id = as("adam").post("/api/v1/admin/webhooks", Map.of("name", uniqueName("pruned"),
                    "url", receiver.url(), "models", List.of(model))).json().path("subscription").path("id").asString();
            registerVersion(model);
            registerVersion(model);
            registerVersion(model);
            receiver.await(all -> all.size() == 3, Duration.ofSeconds(30));
            awaitDelivered(id, 3);
            List<String> ids = jdbc.queryForList("SELECT id::text FROM webhook_delivery WHERE subscription_id = ?::uuid "
                    + "ORDER BY position", String.class, id);
            jdbc.update("UPDATE webhook_delivery SET delivered_at = now() - interval '31 days' WHERE id = ?::uuid",
                    ids.get(0));
            jdbc.update("UPDATE webhook_delivery SET delivered_at = now() - interval '29 days' WHERE id = ?::uuid",
                    ids.get(1));
            jdbc.update("UPDATE webhook_delivery SET state = 'PENDING', delivered_at = NULL, "
                    + "next_attempt_at = now() + interval '1 day', created_at = now() - interval '40 days' "
                    + "WHERE id = ?::uuid", ids.get(2));

            assertThat(pruner.prune(Instant.now())).isGreaterThanOrEqualTo(1);

            assertThat(jdbc.queryForList("SELECT id::text FROM webhook_delivery WHERE subscription_id = ?::uuid "
                    + "ORDER BY position", String.class, id)).as("the old delivered one went; the recent and the "
                    + "pending ones stay").containsExactly(ids.get(1), ids.get(2));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM webhook_attempt WHERE delivery_id = ?::uuid",
                    Long.class, ids.get(0))).as("with its attempts").isZero();
            assertThat(as("adam").get("/api/v1/admin/webhooks/" + id + "/deliveries").json()).hasSize(2);
        }
    }

    private void awaitDelivered(String subscription, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && jdbc.queryForObject("SELECT count(*) FROM webhook_delivery "
                + "WHERE subscription_id = ?::uuid AND state = 'DELIVERED'", Long.class, subscription) < count) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
