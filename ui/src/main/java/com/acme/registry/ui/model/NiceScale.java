package com.acme.registry.ui.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis over round numbers that always includes zero, so bar lengths stay honest: values 0.5 to 0.87
 * get 0 – 1 in steps of 0.2; 12 to 35 get 0 – 40 in steps of 10.
 */
public record NiceScale(double min, double max, double step) {

    private static final int TARGET_TICKS = 5;

    public static NiceScale including(double low, double high) {
        double lo = Math.min(0, low);
        double hi = Math.max(0, high);
        if (lo == hi) {
            hi = lo + 1;
        }
        double range = nice(hi - lo, false);
        double step = nice(range / (TARGET_TICKS - 1), true);
        return new NiceScale(round(Math.floor(lo / step) * step, step), round(Math.ceil(hi / step) * step, step), step);
    }

    /** The ticks from min to max, without floating-point noise. */
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((max - min) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(round(min + i * step, step));
        }
        return ticks;
    }

    /** Where {@code value} lies between {@code min} (0) and {@code max} (1). */
    public double fraction(double value) {
        return (value - min) / (max - min);
    }

    /** Heckbert's nice numbers: 1, 2, 5 or 10 times a power of ten. */
    private static double nice(double value, boolean round) {
        double exponent = Math.floor(Math.log10(value));
        double power = Math.pow(10, exponent);
        double fraction = value / power;
        double nice;
        if (round) {
            nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
        } else {
            nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        }
        return nice * power;
    }

    private static double round(double value, double step) {
        int decimals = Math.max(0, -(int) Math.floor(Math.log10(step)) + 1);
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }
}
