package com.acme.registry.axon;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionPositionsTest {

    @Test
    void aFailingGroupIsNotWaitedForAndIsClearedByItsNextCommit() {
        ProjectionPositions positions = new ProjectionPositions();
        positions.advance("g", new GlobalSequenceTrackingToken(5));
        positions.failed("g", "g", 6, 6, new IllegalStateException("outer",
                new RuntimeException("ERROR: refused\n  Where: a trigger")));

        long started = System.nanoTime();
        assertThat(positions.awaitPosition("g", 7, 10_000)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(positions.awaitPosition("g", 5, 10_000)).as("what it has committed is seen").isTrue();
        ProjectionPositions.Failure failure = positions.failure("g").orElseThrow();
        assertThat(failure.error()).isEqualTo("RuntimeException: ERROR: refused");
        assertThat(failure.firstPosition()).isEqualTo(6);

        positions.failed("g", "g", 6, 6, new RuntimeException("again"));
        assertThat(positions.failure("g").orElseThrow().attempts()).isEqualTo(2);
        assertThat(positions.failure("g").orElseThrow().since()).isEqualTo(failure.since());
        assertThat(positions.failedAttempts("g")).isEqualTo(2);

        positions.advance("g", new GlobalSequenceTrackingToken(7));
        assertThat(positions.failure("g")).isEmpty();
        assertThat(positions.failedAttempts("g")).as("a counter").isEqualTo(2);
    }

    @Test
    void aFailingGroupWakesAWriterThatIsWaiting() throws Exception {
        ProjectionPositions positions = new ProjectionPositions();
        Thread failer = new Thread(() -> {
            sleep(200);
            positions.failed("g", "g", 1, 1, new RuntimeException("x"));
        });
        failer.start();
        long started = System.nanoTime();
        assertThat(positions.awaitPosition("g", 1, 10_000)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        failer.join();
    }

    @Test
    void errorsAreBounded() {
        String described = ProjectionPositions.describe(new RuntimeException("x".repeat(1000)));
        assertThat(described).hasSize(ProjectionPositions.ERROR_LENGTH);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
