package com.acme.registry.ui.compliance;

import com.acme.registry.validation.InvalidInputException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Instants in the compliance forms and links: a {@code datetime-local} value read as UTC (what the browser sends),
 * or a full ISO-8601 instant as the API takes it. Anything else is bad input naming its field.
 */
final class UiInstants {

    static final String RULE = "must be a date and time in UTC, e.g. 2026-03-03T14:05";

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);
    private static final int ECHO = 40;

    private UiInstants() {
    }

    /** The instant typed into {@code field}, null when left empty. */
    static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Instant instant = parseOrNull(text);
        if (instant == null) {
            throw InvalidInputException.of(field, RULE + " (was '" + echo(text) + "')");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw InvalidInputException.of(field, "must be between the years 1900 and 9999 (was '" + echo(text) + "')");
        }
        return instant;
    }

    /** The instant as a link carries it: minutes where that is exact (as the form sends), else ISO-8601. */
    static String text(Instant instant) {
        if (instant == null) {
            return null;
        }
        return instant.getEpochSecond() % 60 == 0 && instant.getNano() == 0 ? MINUTES.format(instant) : instant.toString();
    }

    /** The value of a {@code datetime-local} input: the minute the instant falls in. */
    static String minutes(Instant instant) {
        return instant == null ? "" : MINUTES.format(instant);
    }

    private static Instant parseOrNull(String text) {
        if (text.length() > 64) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notLocal) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException notInstant) {
                return null;
            }
        }
    }

    private static String echo(String text) {
        return text.length() <= ECHO ? text : text.substring(0, ECHO) + "…";
    }
}
