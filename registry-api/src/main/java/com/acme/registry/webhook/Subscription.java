package com.acme.registry.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as shown (never its secret). {@code status}: {@code active}; {@code paused} by an admin;
 * {@code failing} since a delivery ran out of retries. Paused and failing subscriptions get their deliveries queued
 * and held, sent in order when the subscription is resumed.
 */
public record Subscription(UUID id, String name, String url, List<String> types, List<String> models,
                           List<String> environments, String status, boolean enabled, Instant failingSince,
                           long startPosition, String createdBy, Instant createdAt, String updatedBy,
                           Instant updatedAt) {

    public static final String ACTIVE = "active";
    public static final String PAUSED = "paused";
    public static final String FAILING = "failing";

    static String status(boolean enabled, Instant failingSince) {
        return failingSince != null ? FAILING : enabled ? ACTIVE : PAUSED;
    }
}
