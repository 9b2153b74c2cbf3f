package com.acme.registry.ui.compliance;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting only the compliance pages need, as {@code ${@complianceFormat.seconds(x)}}. */
@Component("complianceFormat")
public class ComplianceFormat {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** An audit record's time to the second (the table says UTC); the full instant goes in a title attribute. */
    public String seconds(Instant instant) {
        return instant == null ? "" : SECONDS.format(instant);
    }
}
