package com.acme.registry.ui.model;

import com.acme.registry.model.VersionView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The metrics of a model's versions: the names for the versions table and, for the newest versions, the chart.
 * The chart keeps to six versions (one colour each) and twelve metrics, so it stays readable on a laptop.
 */
public record VersionMetrics(List<String> names, MetricChart chart, int chartedVersions, int chartedMetrics) {

    static final int KEY_METRICS = 4;

    /** @param versions newest first, as the catalog lists them */
    public static VersionMetrics of(List<VersionView> versions) {
        TreeSet<String> names = new TreeSet<>();
        versions.forEach(v -> names.addAll(JsonViews.numbers(v.metrics()).keySet()));
        List<VersionView> charted = new ArrayList<>(versions.subList(0, Math.min(MetricChart.MAX_SERIES,
                versions.size())));
        Collections.reverse(charted);
        TreeSet<String> chartedNames = new TreeSet<>();
        charted.forEach(v -> chartedNames.addAll(JsonViews.numbers(v.metrics()).keySet()));
        List<String> metrics = chartedNames.stream().limit(MetricChart.MAX_METRICS).toList();
        if (metrics.isEmpty()) {
            return new VersionMetrics(List.copyOf(names), null, 0, 0);
        }
        List<MetricChart.Series> series = new ArrayList<>();
        for (int i = 0; i < charted.size(); i++) {
            VersionView v = charted.get(i);
            Map<String, Double> values = JsonViews.numbers(v.metrics());
            series.add(new MetricChart.Series("v" + v.version(), "c" + i, values));
        }
        return new VersionMetrics(List.copyOf(names), MetricChart.of(series, metrics), charted.size(),
                chartedNames.size());
    }

    /** The metric columns of the versions table. */
    public List<String> keyNames() {
        return names.stream().limit(KEY_METRICS).toList();
    }
}
