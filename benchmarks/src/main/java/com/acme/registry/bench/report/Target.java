package com.acme.registry.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure's target from issue 6: conditions on the value itself and/or on its ratio to the baseline, all of which
 * must hold (e.g. registrations: at least 1,000/s and at least 0.5 of the JDBC baseline).
 */
public final class Target {

    public enum Kind {
        AT_LEAST, AT_MOST, RATIO_AT_LEAST, RATIO_AT_MOST
    }

    private record Condition(Kind kind, double limit) {
    }

    private final List<Condition> conditions;

    private Target(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    private static Target of(Kind kind, double limit) {
        return new Target(List.of(new Condition(kind, limit)));
    }

    public static Target atLeast(double limit) {
        return of(Kind.AT_LEAST, limit);
    }

    public static Target atMost(double limit) {
        return of(Kind.AT_MOST, limit);
    }

    public static Target ratioAtLeast(double limit) {
        return of(Kind.RATIO_AT_LEAST, limit);
    }

    public static Target ratioAtMost(double limit) {
        return of(Kind.RATIO_AT_MOST, limit);
    }

    /** Both this and {@code other}. */
    public Target and(Target other) {
        List<Condition> all = new ArrayList<>(conditions);
        all.addAll(other.conditions);
        return new Target(all);
    }

    /** Whether every condition holds; null when a figure (or the ratio a condition needs) is missing. */
    public Boolean met(double value, double ratio) {
        boolean met = true;
        for (Condition c : conditions) {
            double subject = switch (c.kind()) {
                case AT_LEAST, AT_MOST -> value;
                case RATIO_AT_LEAST, RATIO_AT_MOST -> ratio;
            };
            if (Double.isNaN(subject)) {
                return null;
            }
            met &= switch (c.kind()) {
                case AT_LEAST, RATIO_AT_LEAST -> subject >= c.limit();
                case AT_MOST, RATIO_AT_MOST -> subject <= c.limit();
            };
        }
        return met;
    }

    public String describe(String unit) {
        List<String> parts = new ArrayList<>();
        for (Condition c : conditions) {
            parts.add(switch (c.kind()) {
                case AT_LEAST -> "≥ " + Numbers.format(c.limit(), unit);
                case AT_MOST -> "≤ " + Numbers.format(c.limit(), unit);
                case RATIO_AT_LEAST -> String.format(Locale.ROOT, "ratio ≥ %s", Numbers.format(c.limit()));
                case RATIO_AT_MOST -> String.format(Locale.ROOT, "ratio ≤ %s", Numbers.format(c.limit()));
            });
        }
        return String.join(" and ", parts);
    }
}
