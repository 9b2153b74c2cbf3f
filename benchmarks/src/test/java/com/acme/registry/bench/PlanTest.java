package com.acme.registry.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanTest {

    @Test
    void smallRunMeasuresEverythingOnOneStore() {
        Plan plan = Plan.of("abcdefg", 10_000, 10_000, false, List.of());
        assertThat(plan.steps()).containsExactly(new Plan.Step(0, 10_000, "abcdef", ""));
        assertThat(plan.startup()).isTrue();
    }

    @Test
    void fullRunGrowsTheStoreFromTheMainSizeToTheLargeOne() {
        Plan plan = Plan.of("abcdefg", 102_000, 1_020_000, false, List.of());
        assertThat(plan.steps()).containsExactly(
                new Plan.Step(0, 102_000, "abcd", ""),
                new Plan.Step(1, 1_020_000, "ef", ""));
    }

    @Test
    void growthMeasuresAToCAtEverySizeAndOnceWhereTheMainTableAlsoDoes() {
        Plan plan = Plan.of("abcdefg", 100_000, 1_000_000, true, List.of(10_000L, 100_000L, 1_000_000L));
        assertThat(plan.steps()).containsExactly(
                new Plan.Step(0, 10_000, "", "abc"),
                new Plan.Step(1, 100_000, "abcd", "abc"),
                new Plan.Step(2, 1_000_000, "ef", "abc"));
        Bench.Stage a = plan.steps().get(1).stage('a');
        assertThat(a.main()).isTrue();
        assertThat(a.growth()).isTrue();
        Bench.Stage aAtLarge = plan.steps().get(2).stage('a');
        assertThat(aAtLarge.main()).isFalse();
        assertThat(aAtLarge.growth()).isTrue();
        assertThat(plan.steps().get(2).stage('d')).isNull();
    }

    @Test
    void onlyTheChosenFiguresAreMeasured() {
        Plan plan = Plan.of(Plan.figures("b, e"), 10_000, 50_000, true, List.of(20_000L));
        assertThat(plan.steps()).containsExactly(
                new Plan.Step(0, 10_000, "b", ""),
                new Plan.Step(1, 20_000, "", "b"),
                new Plan.Step(2, 50_000, "e", ""));
        assertThat(plan.startup()).isFalse();
    }

    @Test
    void mlflowRegistrationsRunAtTheMainSizeOnlyWhenNamed() {
        assertThat(Plan.of(Plan.figures("m"), 10_000, 50_000, true, List.of(20_000L)).steps())
                .containsExactly(new Plan.Step(0, 10_000, "m", ""));
        assertThat(Plan.of(Plan.figures("a,m,e"), 102_000, 1_020_000, false, List.of()).steps()).containsExactly(
                new Plan.Step(0, 102_000, "am", ""),
                new Plan.Step(1, 1_020_000, "e", ""));
    }

    @Test
    void webhooksAndStreamFanOutRunAtTheMainSizeOnlyWhenNamed() {
        assertThat(Plan.figures("n,o")).isEqualTo("no");
        assertThat(Plan.of(Plan.figures("o,n"), 10_000, 50_000, true, List.of(20_000L)).steps())
                .containsExactly(new Plan.Step(0, 10_000, "no", ""));
        assertThat(Plan.of(Plan.figures("e,n,a"), 102_000, 1_020_000, false, List.of()).steps()).containsExactly(
                new Plan.Step(0, 102_000, "an", ""),
                new Plan.Step(1, 1_020_000, "e", ""));
        assertThat(Plan.of("abcdefg", 10_000, 10_000, false, List.of()).steps().get(0).mainFigures())
                .doesNotContain("n", "o");
    }

    @Test
    void unknownFiguresAreRefused() {
        assertThatThrownBy(() -> Plan.figures("a,h")).hasMessageContaining("'h'");
        assertThatThrownBy(() -> Plan.figures("p")).hasMessageContaining("'p'");
        assertThatThrownBy(() -> Plan.figures(" , ")).isInstanceOf(IllegalArgumentException.class);
    }
}
