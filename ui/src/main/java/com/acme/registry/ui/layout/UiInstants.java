package com.acme.registry.ui.layout;

import com.acme.registry.web.InstantParameter;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants in the compliance forms and links, read as the API reads them ({@link InstantParameter}): a
 * {@code datetime-local} value read as UTC (what the browser sends), a date meaning its start in UTC, or a full
 * ISO-8601 instant. Anything else is bad input naming its field.
 */
public final class UiInstants {

    public static final String RULE = InstantParameter.RULE;

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    private UiInstants() {
    }

    /** The bound of a period typed into {@code field} (may be in the future), null when left empty. */
    public static Instant parse(String field, String value) {
        return InstantParameter.bound(field, value);
    }

    /** The instant whose state is asked for (not in the future), null when left empty. */
    public static Instant parsePointInTime(String field, String value) {
        return InstantParameter.pointInTime(field, value);
    }

    /** The instant as a link carries it: minutes where that is exact (as the form sends), else ISO-8601. */
    public static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        return instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0 ? MINUTES.format(instant) : instant.toString();
    }

    /** The value of a {@code datetime-local} input: the minute the instant falls in. */
    public static String minutes(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }
}
