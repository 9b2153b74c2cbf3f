package com.acme.registry.bench.report;

import java.util.Locale;

/** How figures are written: grouped thousands for large values, two or three significant decimals for small ones. */
public final class Numbers {

    private Numbers() {
    }

    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "n/a";
        }
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 0.01 || abs == 0) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.4f", value);
    }

    public static String format(double value, String unit) {
        String number = format(value);
        return unit == null || unit.isEmpty() || "n/a".equals(number) ? number : number + " " + unit;
    }
}
