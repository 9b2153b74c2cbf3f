package com.acme.registry.bench.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ResultTableTest {

    @Test
    void ratioIsFigureOverBaseline() {
        ResultTable table = new ResultTable()
                .add("a", "registrations/s", 250, "/s", 1000.0, Target.ratioAtLeast(0.5))
                .add("b", "p99 at 2,000/s", 4.0, "ms", 1.0, Target.atMost(5));
        List<ResultTable.Row> rows = table.rows();
        assertThat(rows.get(0).ratio()).isCloseTo(0.25, within(1e-9));
        assertThat(rows.get(0).met()).isFalse();
        assertThat(rows.get(1).ratio()).isCloseTo(4.0, within(1e-9));
        assertThat(rows.get(1).met()).isTrue();
    }

    @Test
    void aFigureWithoutBaselineHasNoRatio() {
        ResultTable.Row row = new ResultTable().add("g", "start-up to ready", 7.5, "s", null, Target.atMost(10))
                .rows().get(0);
        assertThat(row.ratio()).isNaN();
        assertThat(row.met()).isTrue();
        assertThat(new ResultTable().add("g", "x", 1, "s", 0.0, null).rows().get(0).ratio()).isNaN();
    }

    @Test
    void aRatioTargetIsUnknownWithoutBaseline() {
        assertThat(new ResultTable().add("a", "x", 1, "/s", null, Target.ratioAtLeast(0.5)).rows().get(0).met()).isNull();
        assertThat(new ResultTable().add("a", "x", Double.NaN, "/s", null, Target.atLeast(1)).rows().get(0).met()).isNull();
    }

    @Test
    void rendersOneMarkdownTableWithEveryFigureBaselineAndRatio() {
        String text = new ResultTable()
                .add("a", "registrations/s, 8 clients", 1234.5, "/s", 2469.0, Target.ratioAtLeast(0.5))
                .add("g", "start-up to ready", 7.25, "s", null, Target.atMost(10))
                .note("development run on a shared machine")
                .render();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).contains("measure", "figure", "baseline", "ratio", "target");
        assertThat(lines.get(1)).matches("\\|( -+:? \\|)+|\\|( -+[-:] \\|)+");
        assertThat(lines.get(2)).contains("(a)", "1,235 /s", "2,469 /s", "0.50", "ratio ≥ 0.50", "yes");
        assertThat(lines.get(3)).contains("(g)", "7.25 s", "—", "≤ 10.0 s", "yes");
        assertThat(text).contains("- development run on a shared machine");
        // a well-formed table: the same number of cells on every line, all lines the same width
        List<String> tableLines = lines.subList(0, 4);
        assertThat(tableLines).allSatisfy(l -> assertThat(l.chars().filter(c -> c == '|').count()).isEqualTo(8));
        assertThat(tableLines.stream().map(l -> l.codePointCount(0, l.length())).distinct()).hasSize(1);
    }

    @Test
    void numbersAreGroupedOrRoundedToTheirSize() {
        assertThat(Numbers.format(1234567.8)).isEqualTo("1,234,568");
        assertThat(Numbers.format(42.345)).isEqualTo("42.3");
        assertThat(Numbers.format(0.456)).isEqualTo("0.46");
        assertThat(Numbers.format(0.00123)).isEqualTo("0.0012");
        assertThat(Numbers.format(Double.NaN, "ms")).isEqualTo("n/a");
        assertThat(Numbers.format(3, "ms")).isEqualTo("3.00 ms");
    }

    @Test
    void growthTableComparesTheLastStageWithTheFirst() {
        GrowthTable growth = new GrowthTable();
        growth.add(10_000, "a", "registrations/s", 1000, "/s", true);
        growth.add(100_000, "a", "registrations/s", 900, "/s", true);
        growth.add(1_000_000, "a", "registrations/s", 700, "/s", true);
        growth.add(10_000, "c", "p99", 10, "ms", false);
        growth.add(1_000_000, "c", "p99", 11, "ms", false);
        assertThat(growth.change("a", "registrations/s")).isCloseTo(0.7, within(1e-9));
        assertThat(growth.change("c", "p99")).isCloseTo(1.1, within(1e-9));
        String text = growth.render();
        List<String> lines = text.lines().toList();
        assertThat(lines.get(0)).contains("10,000 events", "100,000 events", "1,000,000 events");
        assertThat(lines.get(2)).contains("1,000 /s", "900 /s", "700 /s", "0.70", "no");
        assertThat(lines.get(3)).contains("10.0 ms", "—", "11.0 ms", "1.10", "yes");
        assertThat(Arrays.stream(text.split("\n")).map(String::length).distinct()).hasSize(1);
    }

    @Test
    void aCombinedTargetNeedsEveryCondition() {
        Target target = Target.atLeast(1000).and(Target.ratioAtLeast(0.5));
        assertThat(target.met(1200, 0.6)).isTrue();
        assertThat(target.met(1200, 0.4)).isFalse();
        assertThat(target.met(900, 0.9)).isFalse();
        assertThat(target.met(1200, Double.NaN)).isNull();
        assertThat(target.describe("/s")).isEqualTo("≥ 1,000 /s and ratio ≥ 0.50");
    }
}
