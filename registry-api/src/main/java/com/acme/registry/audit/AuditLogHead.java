package com.acme.registry.audit;

import java.time.Instant;

/** The latest audit record's sequence (the log has no gaps, so also the number of records) and time. */
public record AuditLogHead(long records, Instant lastRecordedAt) {
}
