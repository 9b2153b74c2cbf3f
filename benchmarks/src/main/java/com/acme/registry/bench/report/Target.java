package com.acme.registry.bench.report;

import java.util.Locale;

/** A figure's target from issue 6: on the value itself or on its ratio to the baseline. */
public record Target(Kind kind, double limit) {

    public enum Kind {
        AT_LEAST, AT_MOST, RATIO_AT_LEAST, RATIO_AT_MOST
    }

    public static Target atLeast(double limit) {
        return new Target(Kind.AT_LEAST, limit);
    }

    public static Target atMost(double limit) {
        return new Target(Kind.AT_MOST, limit);
    }

    public static Target ratioAtLeast(double limit) {
        return new Target(Kind.RATIO_AT_LEAST, limit);
    }

    public static Target ratioAtMost(double limit) {
        return new Target(Kind.RATIO_AT_MOST, limit);
    }

    /** Whether the target is met; null when the figure (or the ratio it needs) is missing. */
    public Boolean met(double value, double ratio) {
        double subject = switch (kind) {
            case AT_LEAST, AT_MOST -> value;
            case RATIO_AT_LEAST, RATIO_AT_MOST -> ratio;
        };
        if (Double.isNaN(subject)) {
            return null;
        }
        return switch (kind) {
            case AT_LEAST, RATIO_AT_LEAST -> subject >= limit;
            case AT_MOST, RATIO_AT_MOST -> subject <= limit;
        };
    }

    public String describe(String unit) {
        return switch (kind) {
            case AT_LEAST -> "≥ " + Numbers.format(limit, unit);
            case AT_MOST -> "≤ " + Numbers.format(limit, unit);
            case RATIO_AT_LEAST -> String.format(Locale.ROOT, "ratio ≥ %s", Numbers.format(limit));
            case RATIO_AT_MOST -> String.format(Locale.ROOT, "ratio ≤ %s", Numbers.format(limit));
        };
    }
}
