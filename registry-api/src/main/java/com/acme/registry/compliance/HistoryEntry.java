package com.acme.registry.compliance;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/** One record of a model's audit trail: what happened, who did it, when, why, and the request it came from. */
public record HistoryEntry(long sequence, Instant recordedAt, String actor, String action, Integer version,
                           String environment, String reason, String correlationId, JsonNode details) {
}
