package com.acme.registry.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpenLoopTest {

    @Test
    void requestsAreScheduledAtFixedIntervalsFromTheStart() {
        assertThat(OpenLoop.scheduledOffsetNanos(0, 2000)).isZero();
        assertThat(OpenLoop.scheduledOffsetNanos(1, 2000)).isEqualTo(500_000);
        assertThat(OpenLoop.scheduledOffsetNanos(2000, 2000)).isEqualTo(1_000_000_000);
        // no drift from rounding over a long run: 3 per second lands exactly on whole seconds
        assertThat(OpenLoop.scheduledOffsetNanos(3_000_000, 3)).isEqualTo(1_000_000_000_000_000L);
    }

    @Test
    void sendsTheOfferedRateWhenTheServerKeepsUp() throws Exception {
        LoadResult result = OpenLoop.run(
                new OpenLoop.Settings(500, Duration.ofMillis(200), Duration.ofSeconds(1), 4, Duration.ofSeconds(1)),
                w -> sequence -> { });
        assertThat(result.completed()).isBetween(490L, 510L);
        assertThat(result.errors()).isZero();
        assertThat(result.unfinished()).isZero();
        assertThat(result.perSecond()).isCloseTo(500, within(15.0));
    }

    /**
     * One worker, 200 requests/s (one every 5 ms), and the server stalls 200 ms once. A closed loop would record
     * one slow request; the open loop records the ~40 requests scheduled during the stall with the time each waited.
     */
    @Test
    void aStallShowsInEveryRequestScheduledDuringIt() throws Exception {
        AtomicBoolean stalled = new AtomicBoolean();
        LoadResult result = OpenLoop.run(
                new OpenLoop.Settings(200, Duration.ofMillis(100), Duration.ofSeconds(1), 1, Duration.ofSeconds(2)),
                w -> sequence -> {
                    if (sequence == 60 && stalled.compareAndSet(false, true)) {
                        Thread.sleep(200);
                    }
                });
        assertThat(result.completed()).isBetween(195L, 205L);
        Latencies latencies = result.latencies();
        assertThat(latencies.maxMillis()).isGreaterThan(190);
        // ~40 of 200 requests (20%) waited behind the stall: 0..200 ms, so the 90th percentile is about 100 ms
        assertThat(latencies.percentileMillis(90)).isGreaterThan(60);
        assertThat(latencies.percentileMillis(50)).isLessThan(40);
    }

    @Test
    void failuresAreCountedNotTimed() throws Exception {
        LoadResult result = OpenLoop.run(
                new OpenLoop.Settings(100, Duration.ZERO, Duration.ofMillis(500), 2, Duration.ofSeconds(1)),
                w -> sequence -> {
                    if (sequence % 2 == 0) {
                        throw new IllegalStateException("HTTP 500");
                    }
                });
        assertThat(result.completed() + result.errors()).isBetween(48L, 52L);
        assertThat(result.errors()).isGreaterThan(20);
        assertThat(result.latencies().count()).isEqualTo(result.completed());
        assertThat(result.firstError()).isEqualTo("HTTP 500");
    }

    @Test
    void requestsStillWaitingAtTheDrainLimitAreReportedWithTheirWait() throws Exception {
        // one worker that needs 50 ms per request cannot serve 100/s: the queue grows
        LoadResult result = OpenLoop.run(
                new OpenLoop.Settings(100, Duration.ZERO, Duration.ofMillis(500), 1, Duration.ofMillis(100)),
                w -> sequence -> Thread.sleep(50));
        assertThat(result.unfinished()).isGreaterThan(20);
        assertThat(result.completed() + result.unfinished()).isBetween(48L, 52L);
        assertThat(result.latencies().count()).isEqualTo(result.completed() + result.unfinished());
        assertThat(result.latencies().maxMillis()).isGreaterThan(100);
        // the achieved rate counts the time it took to answer them: about 20/s, not the 100/s offered
        assertThat(result.perSecond()).isLessThan(30);
        assertThat(result.seconds()).isGreaterThan(0.55);
    }

    @Test
    void aServerThatKeepsUpIsAnsweredAtTheOfferedRateWithinTheWindow() throws Exception {
        LoadResult result = OpenLoop.run(
                new OpenLoop.Settings(100, Duration.ZERO, Duration.ofMillis(500), 2, Duration.ofSeconds(1)),
                w -> sequence -> Thread.sleep(2));
        assertThat(result.seconds()).isCloseTo(0.5, within(0.15));
        assertThat(result.perSecond()).isCloseTo(100, within(25.0));
    }
}
