package com.acme.registry.web;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.Violations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one reading of instant parameters (docs/reliability-rules.md). */
class InstantParameterTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-06T21:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
            "2026-12-01, 2026-12-01T00:00:00Z",
            "2026-12-01T14:05, 2026-12-01T14:05:00Z",
            "2026-12-01T14:05:30.250, 2026-12-01T14:05:30.250Z",
            "2026-12-01T14:05:00Z, 2026-12-01T14:05:00Z",
            "2026-12-01T15:05:00+01:00, 2026-12-01T14:05:00Z",
            "' 2026-12-01 ', 2026-12-01T00:00:00Z"})
    void readsInstantsLocalTimesAsUtcAndDatesAsTheirStartInUtc(String text, Instant expected) {
        assertThat(InstantParameter.bound("from", text)).isEqualTo(expected);
        assertThat(InstantParameter.pointInTime(new Violations(), "asOf", text, NOW)).isEqualTo(expected);
    }

    @Test
    void absentOrBlankIsNull() {
        assertThat(InstantParameter.bound("to", null)).isNull();
        assertThat(InstantParameter.pointInTime("asOf", " ")).isNull();
    }

    @Test
    void aPointInTimeInTheFutureIsRefusedNamingTheField() {
        Violations v = new Violations();
        assertThat(InstantParameter.pointInTime(v, "asOf", "2026-12-07", NOW)).isNull();
        assertThatThrownBy(v::throwIfAny).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("asOf: must not be in the future (was '2026-12-07', the registry's time is "
                        + "2026-12-06T21:00:00Z)");
        assertThat(InstantParameter.pointInTime(new Violations(), "asOf", "2026-12-06T21:00:00Z", NOW))
                .as("now itself is no future").isEqualTo(NOW.instant());
    }

    @Test
    void aBoundInTheFutureIsFine() {
        assertThat(InstantParameter.bound("to", "2999-01-01")).isEqualTo(Instant.parse("2999-01-01T00:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-02-30", "2026-13-01T00:00", "2026-12-01T25:00", "1700000000",
            "2026-12-01T14:05:00+25:00"})
    void anythingElseIsRefusedNamingTheFieldAndTheValue(String text) {
        assertThatThrownBy(() -> InstantParameter.bound("from", text)).isInstanceOf(InvalidInputException.class)
                .hasMessage("from: " + InstantParameter.RULE + " (was '" + text + "')");
    }

    @Test
    void yearsOutside1900To9999AreRefused() {
        assertThatThrownBy(() -> InstantParameter.bound("to", "0001-01-01")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("to: must be between the years 1900 and 9999");
    }
}
