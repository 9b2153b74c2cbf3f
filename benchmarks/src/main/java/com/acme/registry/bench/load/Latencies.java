package com.acme.registry.bench.load;

import org.HdrHistogram.Histogram;

import java.util.concurrent.TimeUnit;

/**
 * Latencies recorded in microseconds in an HdrHistogram (3 significant digits, up to one hour), summarised in
 * milliseconds. Percentiles are HdrHistogram's: the smallest recorded value that at least that share of the
 * recordings is less than or equal to, within the histogram's 0.1% precision. Not thread-safe: each worker
 * records into its own and {@link #add} merges them.
 */
public final class Latencies {

    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new Histogram(MAX_MICROS, 3);

    public void recordNanos(long nanos) {
        long micros = Math.max(1, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, MAX_MICROS));
    }

    public void add(Latencies other) {
        histogram.add(other.histogram);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The {@code percentile} (0–100) in milliseconds; NaN when nothing was recorded. */
    public double percentileMillis(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMillis() {
        return count() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0;
    }

    public double meanMillis() {
        return count() == 0 ? Double.NaN : histogram.getMean() / 1000.0;
    }

    public Summary summary() {
        return new Summary(count(), percentileMillis(50), percentileMillis(99), percentileMillis(99.9), maxMillis());
    }

    /** Milliseconds. */
    public record Summary(long count, double p50, double p99, double p999, double max) {
        @Override
        public String toString() {
            return String.format("n=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms", count, p50, p99, p999, max);
        }
    }
}
