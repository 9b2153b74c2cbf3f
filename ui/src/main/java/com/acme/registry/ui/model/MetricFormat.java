package com.acme.registry.ui.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Metric values as people compare them: four significant digits, no float noise (0.0100000009 → 0.01). */
public final class MetricFormat {

    private static final MathContext SIGNIFICANT = new MathContext(4, RoundingMode.HALF_EVEN);

    private MetricFormat() {
    }

    public static String value(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(SIGNIFICANT);
        if (rounded.abs().compareTo(BigDecimal.valueOf(1_000_000)) >= 0 || isTiny(rounded)) {
            return new DecimalFormat("0.###E0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
        }
        DecimalFormat plain = new DecimalFormat("#,##0.##########", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return plain.format(rounded);
    }

    /** A difference, always signed: +0.01, −0.2, ±0. */
    public static String delta(double delta) {
        if (delta == 0) {
            return "±0";
        }
        String magnitude = value(Math.abs(delta));
        return (delta > 0 ? "+" : "\u2212") + magnitude;
    }

    private static boolean isTiny(BigDecimal rounded) {
        return rounded.signum() != 0 && rounded.abs().compareTo(new BigDecimal("0.0001")) < 0;
    }
}
