package com.acme.registry.bench.load;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatenciesTest {

    @Test
    void percentilesOfAUniformSpreadAreItsRanks() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }
        Latencies.Summary s = latencies.summary();
        assertThat(s.count()).isEqualTo(1000);
        // HdrHistogram keeps 3 significant digits: within 0.1%
        assertThat(s.p50()).isCloseTo(500, within(0.5));
        assertThat(s.p99()).isCloseTo(990, within(1.0));
        assertThat(s.p999()).isCloseTo(999, within(1.0));
        assertThat(s.max()).isCloseTo(1000, within(1.0));
    }

    @Test
    void aFewSlowRequestsMoveTheTailNotTheMedian() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 990; i++) {
            latencies.recordNanos(TimeUnit.MICROSECONDS.toNanos(800));
        }
        for (int i = 0; i < 10; i++) {
            latencies.recordNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        assertThat(latencies.percentileMillis(50)).isCloseTo(0.8, within(0.001));
        assertThat(latencies.percentileMillis(99)).isCloseTo(0.8, within(0.001));
        assertThat(latencies.percentileMillis(99.9)).isCloseTo(250, within(0.25));
    }

    @Test
    void mergedRecordersHoldEveryRecording() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        a.recordNanos(TimeUnit.MILLISECONDS.toNanos(1));
        b.recordNanos(TimeUnit.MILLISECONDS.toNanos(3));
        b.recordNanos(TimeUnit.MILLISECONDS.toNanos(5));
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.percentileMillis(50)).isCloseTo(3, within(0.01));
        assertThat(a.maxMillis()).isCloseTo(5, within(0.01));
    }

    @Test
    void nothingRecordedIsNotANumberRatherThanZero() {
        assertThat(new Latencies().percentileMillis(99)).isNaN();
    }
}
