package com.acme.registry.rollout;

import java.time.Instant;

/** A rollback; an emergency one stays flagged until a risk reviewer acknowledges it. */
public record RollbackView(String modelName, int rollbackNumber, String environment, int restoredVersion,
                           int replacedVersion, String reason, String rolledBackBy, Instant rolledBackAt,
                           boolean emergency, boolean flagged, String acknowledgedBy, Instant acknowledgedAt,
                           String acknowledgement) {
}
