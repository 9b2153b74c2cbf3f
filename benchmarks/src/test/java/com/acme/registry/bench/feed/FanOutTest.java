package com.acme.registry.bench.feed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FanOutTest {

    private static final long MS = 1_000_000;

    private static final List<FanOut.Write> WRITES = List.of(
            new FanOut.Write("m1", 1, 1_000 * MS, false), // warm-up: delivered, not timed
            new FanOut.Write("m1", 2, 2_000 * MS, true),
            new FanOut.Write("m2", 1, 3_000 * MS, true));
    private static final List<FanOut.Published> EVENTS = List.of(
            new FanOut.Published(10, "m1", 1, 990 * MS), new FanOut.Published(11, "m1", 2, 1_990 * MS), new FanOut.Published(12, "m2", 1, 2_990 * MS));

    private static FanOut.Receipt r(int subscriber, long id, long atMillis) {
        return new FanOut.Receipt(subscriber, id, atMillis * MS, true);
    }

    @Test
    void everyEventToEverySubscriberOnceInOrderIsComplete() {
        FanOut.Result result = FanOut.match(WRITES, EVENTS, 2, List.of(
                r(0, 10, 1_001), r(1, 10, 1_002), r(0, 11, 2_010), r(1, 11, 2_030), r(0, 12, 3_005), r(1, 12, 3_100)), 0);
        assertThat(result.complete()).isTrue();
        assertThat(result.expected()).isEqualTo(6);
        assertThat(result.received()).isEqualTo(6);
        assertThat(result.latencies().count()).as("the warm-up write's event is not timed").isEqualTo(4);
        assertThat(result.latencies().percentileMillis(50)).isBetween(9.9, 10.1);
        assertThat(result.latencies().maxMillis()).isBetween(99.9, 100.1);
        assertThat(result.sinceEvent().percentileMillis(50)).as("event time 1,990 → 2,010").isBetween(19.9, 20.1);
        assertThat(result.sinceEvent().maxMillis()).as("event time 2,990 → 3,100").isBetween(109.9, 110.1);
    }

    @Test
    void countsMissingDuplicateUnexpectedAndOutOfOrderReceipts() {
        FanOut.Result result = FanOut.match(WRITES, EVENTS, 2, List.of(
                r(0, 10, 1_001), r(0, 12, 3_005), r(0, 11, 2_010), r(0, 12, 3_006), r(0, 99, 3_007),
                r(1, 10, 1_002), r(1, 11, 2_001)), 0);
        assertThat(result.complete()).isFalse();
        assertThat(result.missing()).as("subscriber 1 never got event 12").isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.unexpected()).isEqualTo(1);
        assertThat(result.outOfOrder()).as("11 after 12").isEqualTo(1);
        assertThat(result.outOfOrderInModel()).as("12 is m2's, 11 is m1's: in order per model").isZero();
        assertThat(result.latencies().count()).as("first receipts of timed events only").isEqualTo(3);
    }

    @Test
    void aReceiptBeforeTheAnswerIsCountedAndTimedAsZero() {
        FanOut.Result result = FanOut.match(WRITES, EVENTS.subList(1, 2), 1, List.of(r(0, 11, 1_999)), 0);
        assertThat(result.beforeAnswer()).isEqualTo(1);
        assertThat(result.latencies().maxMillis()).isLessThan(0.01);
        assertThat(result.sinceEvent().maxMillis()).as("the event time is before the receipt").isBetween(8.9, 9.1);
    }

    @Test
    void aBadSignatureAndAnEventNoWriteExplainsAreCounted() {
        List<FanOut.Published> events = List.of(new FanOut.Published(10, "m1", 1, 990 * MS), new FanOut.Published(13, "other", null, 0));
        FanOut.Result result = FanOut.match(WRITES, events, 1, List.of(
                new FanOut.Receipt(0, 10, 1_001 * MS, false), r(0, 13, 1_002)), 0);
        assertThat(result.badSignatures()).isEqualTo(1);
        assertThat(result.withoutWrite()).isEqualTo(1);
        assertThat(result.missing()).isZero();
        assertThat(result.complete()).isFalse();
    }
}
