package com.acme.registry.audit;

import java.time.Instant;

/** One audit record before it is chained: the fields of docs/audit-trail.md but sequence and hashes. */
public record AuditEntry(Long position, Instant recordedAt, String actor, String action, String model,
                         Integer version, String environment, String reason, String correlationId, String details) {
}
