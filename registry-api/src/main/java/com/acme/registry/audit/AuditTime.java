package com.acme.registry.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Instants in the audit log: UTC, millisecond precision, always three fraction digits. */
final class AuditTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditTime() {
    }

    static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
