package com.acme.registry.ui.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a bigger value of a metric is an improvement. Registrations carry only name → number, so the direction
 * is read from the name: losses, errors, distances, drift and latency are better when lower; anything else (AUC,
 * KS, accuracy, precision, recall, Gini…) is better when higher.
 */
public enum MetricDirection {

    HIGHER_IS_BETTER, LOWER_IS_BETTER;

    /** Words that mean "lower is better" wherever they appear in a name: {@code val_loss}, {@code errorRate}. */
    private static final Set<String> LOWER_WORDS = Set.of("loss", "error", "latency", "brier", "deviance",
            "perplexity", "drift", "duration");

    /** Abbreviations that mean "lower is better" only as a whole word: {@code rmse}, {@code psi_score}. */
    private static final Set<String> LOWER_ABBREVIATIONS = Set.of("rmse", "mse", "mae", "mape", "smape", "rmsle",
            "psi", "ece", "fpr", "fnr");

    public static MetricDirection of(String metric) {
        String name = metric == null ? "" : metric.toLowerCase(Locale.ROOT);
        if (LOWER_WORDS.stream().anyMatch(name::contains)) {
            return LOWER_IS_BETTER;
        }
        boolean abbreviation = Arrays.stream(words(metric)).anyMatch(LOWER_ABBREVIATIONS::contains);
        return abbreviation ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
    }

    /** {@code p99LatencyMs} → p99, latency, ms; {@code val-rmse@10} → val, rmse, 10. */
    private static String[] words(String metric) {
        if (metric == null) {
            return new String[0];
        }
        return metric.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
    }

    /** Whether {@code value} is an improvement over {@code reference}; equal is neither. */
    public Verdict judge(double value, double reference) {
        if (value == reference) {
            return Verdict.SAME;
        }
        boolean higher = value > reference;
        return higher == (this == HIGHER_IS_BETTER) ? Verdict.BETTER : Verdict.WORSE;
    }

    public String describe() {
        return this == HIGHER_IS_BETTER ? "higher is better" : "lower is better";
    }

    public enum Verdict {
        BETTER, WORSE, SAME;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
