package com.acme.registry.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A version's metrics beside a reference version's (the production champion), metric by metric, with the
 * difference and whether it is an improvement. Metrics only one of them has are listed without a difference.
 */
public record MetricComparison(List<Row> rows) {

    public record Row(String metric, Double value, Double reference, MetricDirection direction) {

        public boolean comparable() {
            return value != null && reference != null;
        }

        public String valueText() {
            return value == null ? "—" : MetricFormat.value(value);
        }

        public String referenceText() {
            return reference == null ? "—" : MetricFormat.value(reference);
        }

        public String deltaText() {
            return comparable() ? MetricFormat.delta(value - reference) : "";
        }

        /** BETTER, WORSE or SAME; null when there is nothing to compare. */
        public MetricDirection.Verdict verdict() {
            return comparable() ? direction.judge(value, reference) : null;
        }

        public String verdictLabel() {
            return verdict() == null ? "" : verdict().label();
        }
    }

    public static MetricComparison of(Map<String, Double> metrics, Map<String, Double> reference) {
        TreeSet<String> names = new TreeSet<>(metrics.keySet());
        names.addAll(reference.keySet());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new Row(name, metrics.get(name), reference.get(name), MetricDirection.of(name)));
        }
        return new MetricComparison(List.copyOf(rows));
    }

    public long better() {
        return rows.stream().filter(r -> r.verdict() == MetricDirection.Verdict.BETTER).count();
    }

    public long worse() {
        return rows.stream().filter(r -> r.verdict() == MetricDirection.Verdict.WORSE).count();
    }
}
