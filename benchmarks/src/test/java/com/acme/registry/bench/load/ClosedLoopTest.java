package com.acme.registry.bench.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClosedLoopTest {

    @Test
    void throughputIsWorkersOverServiceTime() throws Exception {
        // 4 workers, at least 10 ms each: at most 400 per second; and whatever a loaded machine makes of the sleeps,
        // throughput × mean latency = the number of workers (Little's law)
        LoadResult result = ClosedLoop.run(new ClosedLoop.Settings(4, Duration.ofMillis(100), Duration.ofSeconds(1)),
                w -> sequence -> Thread.sleep(10));
        assertThat(result.perSecond()).isBetween(100.0, 401.0);
        assertThat(result.perSecond() * result.latencies().meanMillis() / 1000).isCloseTo(4.0, within(0.5));
        assertThat(result.latencies().percentileMillis(50)).isGreaterThanOrEqualTo(10);
        assertThat(result.errors()).isZero();
    }

    @Test
    void warmUpRequestsAreNotCounted() throws Exception {
        LoadResult result = ClosedLoop.run(new ClosedLoop.Settings(1, Duration.ofMillis(500), Duration.ofMillis(500)),
                w -> sequence -> Thread.sleep(50));
        // about 10 requests answered in the window, not the ~20 of warm-up and window together
        assertThat(result.completed()).isBetween(6L, 10L);
    }

    @Test
    void anAnswerSlowerThanTheWarmUpStillCountsWhenItArrivesInTheWindow() throws Exception {
        // one request of 400 ms sent at the start arrives inside the window [200 ms, 500 ms]
        LoadResult result = ClosedLoop.run(new ClosedLoop.Settings(1, Duration.ofMillis(200), Duration.ofMillis(300)),
                w -> sequence -> Thread.sleep(400));
        assertThat(result.completed()).isEqualTo(1);
        assertThat(result.latencies().maxMillis()).isGreaterThanOrEqualTo(400);
    }
}
