package com.acme.registry.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How figures (a)–(c) change as the event store grows: one column per stage (its event count), and the last stage's
 * figure ÷ the first's. Issue 6 wants every one within 20% of its 10k-event figure at 1M events.
 */
public final class GrowthTable {

    private record Key(String figure, String measure, String unit, boolean higherIsBetter) {
    }

    private final List<Long> stages = new ArrayList<>();
    private final Map<Key, Map<Long, Double>> values = new LinkedHashMap<>();

    public void stage(long events) {
        if (!stages.contains(events)) {
            stages.add(events);
        }
    }

    public void add(long stageEvents, String figure, String measure, double value, String unit, boolean higherIsBetter) {
        stage(stageEvents);
        values.computeIfAbsent(new Key(figure, measure, unit, higherIsBetter), k -> new LinkedHashMap<>())
                .put(stageEvents, value);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Last stage ÷ first stage for a measure; NaN if either is missing. */
    public double change(String figure, String measure) {
        for (var entry : values.entrySet()) {
            if (entry.getKey().figure().equals(figure) && entry.getKey().measure().equals(measure)) {
                return change(entry.getValue());
            }
        }
        return Double.NaN;
    }

    private double change(Map<Long, Double> byStage) {
        if (stages.size() < 2) {
            return Double.NaN;
        }
        Double first = byStage.get(stages.get(0));
        Double last = byStage.get(stages.get(stages.size() - 1));
        return first == null || last == null || first == 0 ? Double.NaN : last / first;
    }

    public String render() {
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[stages.size() + 4];
        header[0] = "";
        header[1] = "measure";
        for (int s = 0; s < stages.size(); s++) {
            header[s + 2] = String.format("%,d events", stages.get(s));
        }
        header[stages.size() + 2] = "last ÷ first";
        header[stages.size() + 3] = "within 20%";
        cells.add(header);
        for (var entry : values.entrySet()) {
            Key key = entry.getKey();
            String[] row = new String[header.length];
            row[0] = "(" + key.figure() + ")";
            row[1] = key.measure();
            for (int s = 0; s < stages.size(); s++) {
                Double v = entry.getValue().get(stages.get(s));
                row[s + 2] = v == null ? "—" : Numbers.format(v, key.unit());
            }
            double change = change(entry.getValue());
            row[stages.size() + 2] = Numbers.format(change);
            // worse by more than 20%: throughput below 0.8×, latency above 1.2×
            row[stages.size() + 3] = Double.isNaN(change) ? "—"
                    : (key.higherIsBetter() ? change >= 0.8 : change <= 1.2) ? "yes" : "no";
            cells.add(row);
        }
        boolean[] right = new boolean[header.length];
        for (int c = 2; c < header.length - 1; c++) {
            right[c] = true;
        }
        return Markdown.table(cells, right);
    }
}
