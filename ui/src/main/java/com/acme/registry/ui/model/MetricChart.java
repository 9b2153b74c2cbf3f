package com.acme.registry.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A metric comparison across a model's versions, laid out for SVG: one small bar chart per metric, each on its own
 * zero-based scale (AUC and latency do not share an axis), the versions in the same order and colour in every
 * panel. All coordinates are computed here so the template only draws.
 */
public record MetricChart(double width, double height, List<Panel> panels, List<Series> series, String description) {

    public static final int MAX_SERIES = 6;
    public static final int MAX_METRICS = 12;

    static final double PANEL_WIDTH = 230;
    static final double PANEL_HEIGHT = 200;
    static final double GAP = 24;
    static final int PANELS_PER_ROW = 4;
    static final double PLOT_LEFT = 46;
    static final double PLOT_TOP = 48;
    static final double PLOT_RIGHT = 10;
    static final double PLOT_BOTTOM = 26;
    static final double MAX_BAR_WIDTH = 34;

    /** One version: its label ("v2") and colour class (c0…c5). */
    public record Series(String label, String colour, Map<String, Double> values) {

        /** The value as the chart's table shows it; "—" when this version has no such metric. */
        public String text(String metric) {
            Double value = values.get(metric);
            return value == null ? "—" : MetricFormat.value(value);
        }
    }

    /** heading: the metric name shortened to fit; the full name is the panel's tooltip. */
    public record Panel(String metric, String heading, String direction, double x, double y, double plotLeft,
                        double plotRight, double plotTop, double plotBottom, double baseline, List<Tick> ticks,
                        List<Bar> bars) {
    }

    public record Tick(double y, String label) {
    }

    /** A bar with its value label above it (below it for a negative value) and the version label under the axis. */
    public record Bar(String series, String colour, double x, double y, double width, double height, String value,
                      double valueY, double labelX, double labelY) {
    }

    /**
     * @param series  the versions, oldest first, at most {@link #MAX_SERIES}
     * @param metrics the metric names to draw, at most {@link #MAX_METRICS}
     */
    public static MetricChart of(List<Series> series, List<String> metrics) {
        if (series.size() > MAX_SERIES || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("at most " + MAX_SERIES + " versions and " + MAX_METRICS + " metrics");
        }
        List<Panel> panels = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            double x = (i % PANELS_PER_ROW) * (PANEL_WIDTH + GAP);
            double y = (i / PANELS_PER_ROW) * (PANEL_HEIGHT + GAP);
            panels.add(panel(metrics.get(i), series, x, y));
        }
        int columns = Math.max(1, Math.min(metrics.size(), PANELS_PER_ROW));
        int rows = Math.max(1, (metrics.size() + PANELS_PER_ROW - 1) / PANELS_PER_ROW);
        double width = columns * PANEL_WIDTH + (columns - 1) * GAP;
        double height = rows * PANEL_HEIGHT + (rows - 1) * GAP;
        return new MetricChart(width, height, List.copyOf(panels), List.copyOf(series), describe(series, metrics));
    }

    private static Panel panel(String metric, List<Series> series, double x, double y) {
        double plotLeft = x + PLOT_LEFT;
        double plotRight = x + PANEL_WIDTH - PLOT_RIGHT;
        double plotTop = y + PLOT_TOP;
        double plotBottom = y + PANEL_HEIGHT - PLOT_BOTTOM;
        double low = 0;
        double high = 0;
        for (Series s : series) {
            Double v = s.values().get(metric);
            if (v != null) {
                low = Math.min(low, v);
                high = Math.max(high, v);
            }
        }
        NiceScale scale = NiceScale.including(low, high);
        List<Tick> ticks = scale.ticks().stream()
                .map(t -> new Tick(at(scale, t, plotTop, plotBottom), MetricFormat.value(t))).toList();
        double baseline = at(scale, 0, plotTop, plotBottom);
        double slot = (plotRight - plotLeft) / Math.max(1, series.size());
        double barWidth = Math.min(MAX_BAR_WIDTH, slot * 0.66);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double centre = plotLeft + slot * i + slot / 2;
            Double v = s.values().get(metric);
            double top = v == null ? baseline : at(scale, v, plotTop, plotBottom);
            double barTop = Math.min(top, baseline);
            double barHeight = Math.abs(baseline - top);
            double valueY = v != null && v < 0 ? top + 13 : top - 5;
            bars.add(new Bar(s.label(), s.colour(), round(centre - barWidth / 2), round(barTop), round(barWidth),
                    round(barHeight), v == null ? "n/a" : MetricFormat.value(v), round(valueY), round(centre),
                    round(plotBottom + 17)));
        }
        return new Panel(metric, TextFit.fit(metric, PANEL_WIDTH - 8, 7.2), MetricDirection.of(metric).describe(), x, y,
                plotLeft, plotRight, plotTop, plotBottom, round(baseline), ticks, List.copyOf(bars));
    }

    private static double at(NiceScale scale, double value, double top, double bottom) {
        return round(bottom - scale.fraction(value) * (bottom - top));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static String describe(List<Series> series, List<String> metrics) {
        return "Bar charts of " + String.join(", ", metrics) + " for versions "
                + String.join(", ", series.stream().map(Series::label).toList())
                + "; the same numbers are in the table below.";
    }
}
