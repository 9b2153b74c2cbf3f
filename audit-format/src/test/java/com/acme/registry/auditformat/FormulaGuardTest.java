package com.acme.registry.auditformat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
            "\tleading tab", "\r\nleading carriage return", "＝1+1", "＋1", "－1", "＠SUM(1)", "=", "-"})
    void aValueThatWouldStartAFormulaIsWrittenBehindAnApostropheAndReadBack(String value) {
        String cell = FormulaGuard.guard(value);

        assertThat(cell).isEqualTo("'" + value);
        assertThat(FormulaGuard.unguard(cell)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'quoted' on purpose", "'", "''", "'=1+1"})
    void aValueBeginningWithAnApostropheGetsOneMoreAndRoundTrips(String value) {
        String cell = FormulaGuard.guard(value);

        assertThat(cell).isEqualTo("'" + value);
        assertThat(FormulaGuard.unguard(cell)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "Quarterly retrain, AUC 0.81", " =1+1", "1-2", "a=b", "\n=1", "{\"a\":1}",
            "2026-11-27T10:15:30.123Z", "42", "ÿ"})
    void anyOtherValueIsWrittenAsItIs(String value) {
        assertThat(FormulaGuard.guard(value)).isEqualTo(value);
        assertThat(FormulaGuard.unguard(value)).isEqualTo(value);
    }

    @Test
    void aCellTheGuardNeverWritesIsRefused() {
        assertThatThrownBy(() -> FormulaGuard.unguard("=HYPERLINK(\"http://evil\")"))
                .hasMessage("begins with '=' without the apostrophe that guards it against formula injection");
        assertThatThrownBy(() -> FormulaGuard.unguard("\t1")).hasMessageStartingWith("begins with a tab without");
        assertThatThrownBy(() -> FormulaGuard.unguard("＠1")).hasMessageStartingWith("begins with '＠' (U+FF20)");
        assertThatThrownBy(() -> FormulaGuard.unguard("'alice"))
                .hasMessageStartingWith("begins with an apostrophe that guards nothing");
        assertThatThrownBy(() -> FormulaGuard.unguard("'")).hasMessageStartingWith("begins with an apostrophe");
    }
}
