package com.acme.registry.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One delivery of one event to one subscription, as the delivery log shows it. {@code state}: {@code pending}
 * (waiting for its turn or its next attempt), {@code delivered} (a 2xx answer), {@code failed} (retries ran out).
 * A redelivery is a new delivery of the same event, with a new id, {@code requestedBy} the admin who asked for it.
 */
public record Delivery(UUID id, UUID subscriptionId, long eventId, String eventType, String model, String state,
                       int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, Integer lastStatus,
                       Integer lastLatencyMs, String lastError, String requestedBy) {

    /** One attempt: the status received (null when none), how long it took, the error, the answer's first bytes. */
    public record Attempt(int attempt, Instant startedAt, Integer status, int latencyMs, String error,
                          String responseExcerpt) {
    }

    /** A delivery with all its attempts, oldest first. */
    public record Detail(Delivery delivery, List<Attempt> attempts) {
    }
}
