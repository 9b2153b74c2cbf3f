package com.acme.registry.validation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StorableTextTest {

    @Test
    void nulIsNeverStorable() {
        assertThat(StorableText.problem("a\u0000b", false)).contains("U+0000").contains("position 1");
        assertThat(StorableText.problem("a\u0000b", true)).contains("U+0000");
    }

    @Test
    void everyC0ControlCharacterIsRefusedInSingleLineText() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(StorableText.isStorable("x" + c, false)).as("U+%04X", (int) c).isFalse();
        }
    }

    @Test
    void multiLineTextAllowsTabLineFeedAndCarriageReturnOnly() {
        for (char c = 0; c < 0x20; c++) {
            boolean allowed = c == '\t' || c == '\n' || c == '\r';
            assertThat(StorableText.isStorable("x" + c + "y", true)).as("U+%04X", (int) c).isEqualTo(allowed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u007f", "\u0080", "\u0085", "\u009f"})
    void deleteAndC1ControlsAreRefused(String control) {
        assertThat(StorableText.isStorable("a" + control, true)).isFalse();
    }

    @Test
    void unpairedSurrogatesAreRefusedAndPairsAccepted() {
        assertThat(StorableText.problem("a\ud800", false)).contains("unpaired").contains("U+D800");
        assertThat(StorableText.problem("\udc00a", false)).contains("U+DC00").contains("position 0");
        assertThat(StorableText.isStorable("\udc00\ud800", false)).as("reversed pair").isFalse();
        assertThat(StorableText.isStorable("\ud800\ud800\udc00", false)).isFalse();
        assertThat(StorableText.isStorable("😀 crédit 信用 \ud83d\ude00", false)).isTrue();
    }

    @Test
    void ordinaryTextAndNullAreStorable() {
        assertThat(StorableText.problem(null, false)).isNull();
        assertThat(StorableText.problem("", false)).isNull();
        assertThat(StorableText.problem("bnpl-credit-risk v2 — 50 % canary", false)).isNull();
        assertThat(StorableText.problem("\uFFFD\uFEFF", false)).isNull();
    }

    @Test
    void lengthCountsCharactersAsPostgresVarcharDoes() {
        assertThat(StorableText.length("😀".repeat(200))).isEqualTo(200);
        assertThat("😀".repeat(200).length()).isEqualTo(400);
    }

    @Test
    void printableEscapesWhatCannotBeShown() {
        assertThat(StorableText.printable("a\u0000b\ud800😀")).isEqualTo("a\\u0000b\\uD800😀");
        assertThat(StorableText.printable("plain")).isEqualTo("plain");
    }

    @Test
    void violationsNameEachFieldAndCountMultiByteCharactersAtTheLimit() {
        Violations v = new Violations();
        v.required("😀".repeat(200), "ownerTeam", Limits.SHORT_TEXT);
        v.required("😀".repeat(201), "team", Limits.SHORT_TEXT);
        v.required("one\ntwo", "name", Limits.SHORT_TEXT);
        v.requiredText("one\r\n\ttwo", "reason", Limits.FREE_TEXT);
        v.optionalText("x\u0000", "description", Limits.FREE_TEXT);
        v.keys(java.util.Map.of("a\u0001", 1), "metrics");
        assertThatThrownBy(v::throwIfAny).isInstanceOfSatisfying(InvalidInputException.class, e ->
                assertThat(e.violations()).extracting(FieldViolation::field)
                        .containsExactly("team", "name", "description", "metrics"));
    }

    @Test
    void theLongestIndexedValueFitsPostgresIndexRowLimit() {
        // btree-indexed text columns hold at most SHORT_TEXT (owner_team) or KEY (metric) characters
        int btreeRowLimitBytes = 2704;
        for (int limit : List.of(Limits.SHORT_TEXT, Limits.KEY, Limits.NAME)) {
            assertThat("😀".repeat(limit).getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThan(btreeRowLimitBytes / 2);
        }
    }
}
