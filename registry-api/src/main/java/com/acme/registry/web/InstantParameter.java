package com.acme.registry.web;

import com.acme.registry.validation.Violations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The one reading of an instant in a request parameter (API and UI): an ISO-8601 instant with an offset
 * ({@code 2026-03-03T14:05:00Z}), a date and time without one, read as UTC ({@code 2026-03-03T14:05}, what a
 * {@code datetime-local} input sends), or a plain date, meaning its start in UTC ({@code 2026-03-03} is
 * {@code 2026-03-03T00:00:00Z}).
 * <p>
 * A point in time ({@link #pointInTime}: serving and inventory {@code asOf}) must not be in the future: the state
 * then is not known yet. A bound of a period ({@link #bound}: {@code from}, {@code to}) may be: it only limits
 * what has happened. Bad input is a violation naming the field (docs/reliability-rules.md).
 */
public final class InstantParameter {

    public static final String RULE = "must be a date and time in UTC, e.g. 2026-03-03T14:05, a date "
            + "(2026-03-03: its start in UTC) or an ISO-8601 instant (2026-03-03T14:05:00Z)";

    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final int LONGEST = 64;
    private static final int ECHO = 40;

    private InstantParameter() {
    }

    /** A bound of a period; null when absent or blank; a violation on {@code field} when unreadable. */
    public static Instant bound(Violations v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        Instant instant = parseOrNull(text);
        if (instant == null) {
            v.add(field, RULE + " (was '" + echo(text) + "')");
            return null;
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            v.add(field, "must be between the years 1900 and 9999 (was '" + echo(text) + "')");
            return null;
        }
        return instant;
    }

    /** An instant whose state is asked for: as {@link #bound}, and not after {@code clock}'s now. */
    public static Instant pointInTime(Violations v, String field, String value, Clock clock) {
        Instant instant = bound(v, field, value);
        Instant now = clock.instant();
        if (instant != null && instant.isAfter(now)) {
            v.add(field, "must not be in the future (was '" + echo(value.strip()) + "', the registry's time is " + now
                    + "): the state at a later instant is not known yet");
            return null;
        }
        return instant;
    }

    public static Instant pointInTime(Violations v, String field, String value) {
        return pointInTime(v, field, value, Clock.systemUTC());
    }

    /** {@link #bound}, throwing the violation at once. */
    public static Instant bound(String field, String value) {
        Violations v = new Violations();
        Instant instant = bound(v, field, value);
        v.throwIfAny();
        return instant;
    }

    /** {@link #pointInTime}, throwing the violation at once. */
    public static Instant pointInTime(String field, String value) {
        Violations v = new Violations();
        Instant instant = pointInTime(v, field, value);
        v.throwIfAny();
        return instant;
    }

    private static Instant parseOrNull(String text) {
        if (text.length() > LONGEST) {
            return null;
        }
        try {
            if (text.indexOf('T') < 0 && text.indexOf('t') < 0) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (hasOffset(text)) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** After the time part: 'Z', or '+hh:mm' / '-hh:mm'. */
    private static boolean hasOffset(String text) {
        String time = text.substring(text.indexOf('T') < 0 ? text.indexOf('t') + 1 : text.indexOf('T') + 1);
        return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }

    private static String echo(String text) {
        return text.length() <= ECHO ? text : text.substring(0, ECHO) + "…";
    }
}
