package com.acme.registry.ui.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ChartLayoutTest {

    @Test
    void scaleStartsAtZeroAndEndsOnARoundNumberAboveTheLargestValue() {
        NiceScale auc = NiceScale.including(0.5, 0.871);
        assertThat(auc.min()).isZero();
        assertThat(auc.max()).isEqualTo(1.0);
        assertThat(auc.ticks()).containsExactly(0.0, 0.2, 0.4, 0.6, 0.8, 1.0);

        NiceScale latency = NiceScale.including(12, 35);
        assertThat(latency.ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0);

        NiceScale large = NiceScale.including(0, 48_213);
        assertThat(large.max()).isGreaterThanOrEqualTo(48_213);
        assertThat(large.ticks()).hasSizeBetween(3, 7);
    }

    @Test
    void negativeValuesExtendTheScaleBelowZero() {
        NiceScale scale = NiceScale.including(-0.3, 0.6);
        assertThat(scale.min()).isLessThanOrEqualTo(-0.3);
        assertThat(scale.max()).isGreaterThanOrEqualTo(0.6);
        assertThat(scale.ticks()).contains(0.0);
        assertThat(scale.fraction(0)).isBetween(0.0, 1.0);
    }

    @Test
    void allZeroStillHasARange() {
        NiceScale scale = NiceScale.including(0, 0);
        assertThat(scale.max()).isGreaterThan(scale.min());
    }

    @Test
    void barsGrowFromTheBaselineInProportionToTheirValues() {
        MetricChart chart = MetricChart.of(List.of(
                new MetricChart.Series("v1", "c0", Map.of("auc", 0.4, "latency_ms", 30.0)),
                new MetricChart.Series("v2", "c1", Map.of("auc", 0.9))), List.of("auc", "latency_ms"));

        MetricChart.Panel auc = chart.panels().get(0);
        MetricChart.Bar v1 = auc.bars().get(0);
        MetricChart.Bar v2 = auc.bars().get(1);
        assertThat(v1.y() + v1.height()).isCloseTo(auc.baseline(), within(0.11));
        assertThat(v2.y() + v2.height()).isCloseTo(auc.baseline(), within(0.11));
        assertThat(v2.height()).isCloseTo(2.25 * v1.height(), within(0.5));
        assertThat(auc.baseline()).isEqualTo(auc.plotBottom());
        double plotHeight = auc.plotBottom() - auc.plotTop();
        assertThat(v2.y()).as("0.9 on a 0–1 scale").isCloseTo(auc.plotBottom() - 0.9 * plotHeight,
                within(0.11));
        assertThat(v1.x() + v1.width()).isLessThan(v2.x());
        assertThat(v1.value()).isEqualTo("0.4");
        assertThat(v1.colour()).isEqualTo("c0");

        MetricChart.Panel latency = chart.panels().get(1);
        assertThat(latency.x()).as("second panel beside the first")
                .isGreaterThan(auc.x() + MetricChart.PANEL_WIDTH - 1);
        assertThat(latency.direction()).isEqualTo("lower is better");
        assertThat(latency.bars().get(1).height()).as("v2 has no latency").isZero();
        assertThat(latency.bars().get(1).value()).isEqualTo("n/a");
        assertThat(latency.ticks()).extracting(MetricChart.Tick::label).containsExactly("0", "10", "20", "30");
    }

    @Test
    void panelsWrapIntoRowsAndTheDrawingFitsThem() {
        List<String> metrics = List.of("a", "b", "c", "d", "e");
        MetricChart chart = MetricChart.of(List.of(new MetricChart.Series("v1", "c0",
                Map.of("a", 1.0, "b", 2.0, "c", 3.0, "d", 4.0, "e", 5.0))), metrics);

        assertThat(chart.panels().get(4).x()).isZero();
        assertThat(chart.panels().get(4).y()).isGreaterThan(chart.panels().get(3).y());
        for (MetricChart.Panel p : chart.panels()) {
            assertThat(p.x() + MetricChart.PANEL_WIDTH).isLessThanOrEqualTo(chart.width());
            assertThat(p.bars().get(0).valueY()).as("value label below the panel's title lines")
                    .isGreaterThan(p.y() + 30);
            assertThat(p.y() + MetricChart.PANEL_HEIGHT).isLessThanOrEqualTo(chart.height());
            for (MetricChart.Bar b : p.bars()) {
                assertThat(b.y()).isGreaterThanOrEqualTo(p.plotTop());
                assertThat(b.x() + b.width()).isLessThanOrEqualTo(p.plotRight());
            }
        }
    }

    @Test
    void longMetricNamesAreShortenedInTheDrawingButKeptWhole() {
        String name = "a_very_long_metric_name_that_does_not_fit_in_a_panel_title";
        MetricChart chart = MetricChart.of(List.of(new MetricChart.Series("v1", "c0", Map.of(name, 1.0))),
                List.of(name));
        assertThat(chart.panels().get(0).metric()).isEqualTo(name);
        assertThat(chart.panels().get(0).heading()).endsWith("…").hasSizeLessThan(name.length());
    }

    @Test
    void refusesMoreSeriesThanColours() {
        List<MetricChart.Series> seven = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> new MetricChart.Series("v" + i, "c" + i, Map.of("auc", 0.5))).toList();
        assertThatThrownBy(() -> MetricChart.of(seven, List.of("auc"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void textFitKeepsShortLabelsAndShortensLongOnes() {
        assertThat(TextFit.fit("applications", 200, 7)).isEqualTo("applications");
        assertThat(TextFit.fit("applications-holdout-2026", 70, 7)).isEqualTo("applicati…").hasSize(10);
        assertThat(TextFit.fit("a\n b", 100, 7)).isEqualTo("a b");
        assertThat(TextFit.fit(null, 100, 7)).isEmpty();
    }
}
