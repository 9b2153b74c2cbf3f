package com.acme.registry.bench.feed;

import com.acme.registry.bench.load.Latencies;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches what subscribers received (SSE streams, webhook subscriptions) against what was published: every event the
 * feed published after the run's start position, each to every subscriber, exactly once. An event is tied to the
 * write that caused it by model and version (a registration's 201 names its version, the event carries both), and its
 * latency is first receipt − the 201's arrival, for the writes sent in the measurement window. A receipt that came
 * before the 201 (the feed published the event before the registry answered) is counted and recorded as 0.
 */
public final class FanOut {

    private FanOut() {
    }

    /** A write whose 201 arrived at {@code answeredNanos} (System.nanoTime). */
    public record Write(String model, int version, long answeredNanos, boolean measured) {
    }

    /**
     * An event as the feed's pages list it; {@code occurredAtEpochNanos} is its {@code occurredAt}: the event's own
     * timestamp, taken when the command handler applied it, before the commit.
     */
    public record Published(long id, String model, Integer version, long occurredAtEpochNanos) {
    }

    /** Wall-clock nanoseconds since the epoch minus System.nanoTime(), now: adds to a nanoTime to date it. */
    public static long epochOffsetNanos() {
        Instant now = Instant.now();
        long nano = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - nano;
    }

    /**
     * What one subscriber received, in arrival order. {@code signatureOk} false: a webhook whose signature (or event
     * id header) did not check out; always true on a stream.
     */
    public record Receipt(int subscriber, long eventId, long receivedNanos, boolean signatureOk) {
    }

    /**
     * @param expected           events × subscribers
     * @param received           (event, subscriber) pairs received at least once
     * @param duplicates         receipts of a pair already received
     * @param missing            expected pairs never received
     * @param unexpected         receipts of an event that was not published after the start (or not at all)
     * @param outOfOrder         receipts whose event id is below one the same subscriber had received before
     * @param outOfOrderInModel  the same, counting only earlier receipts of the same model
     * @param badSignatures      receipts whose signature did not verify
     * @param beforeAnswer       measured pairs received before their write's 201 (recorded as 0)
     * @param withoutWrite       published events that no write of this run explains (not timed)
     * @param latencies          201 → first receipt, of the measured writes' events, per subscriber
     * @param sinceEvent         the event's {@code occurredAt} → first receipt (wall clock, the registry's and the
     *                           harness's, same machine), of the same events: an upper bound of commit → receipt
     */
    public record Result(long expected, long received, long duplicates, long missing, long unexpected, long outOfOrder,
                         long outOfOrderInModel, long badSignatures, long beforeAnswer, long withoutWrite,
                         Latencies latencies, Latencies sinceEvent) {

        public boolean complete() {
            return missing == 0 && duplicates == 0 && unexpected == 0 && outOfOrder == 0 && badSignatures == 0;
        }

        public String describe() {
            return String.format("%,d of %,d expected received, %,d missing, %,d duplicates, %,d unexpected, "
                            + "%,d out of order (%,d within a model), %,d bad signatures; %,d received before their "
                            + "201 (counted as 0 ms), %,d events not from this run's writes; 201 → received %s; "
                            + "occurredAt → received %s", received, expected, missing, duplicates, unexpected,
                    outOfOrder, outOfOrderInModel, badSignatures, beforeAnswer, withoutWrite, latencies.summary(),
                    sinceEvent.summary());
        }
    }

    /** {@code epochOffsetNanos}: {@link #epochOffsetNanos()}, to date the receipts for {@code sinceEvent}. */
    public static Result match(List<Write> writes, List<Published> published, int subscribers, List<Receipt> receipts,
                               long epochOffsetNanos) {
        Map<String, Write> byVersion = new HashMap<>();
        for (Write w : writes) {
            byVersion.put(w.model() + "#" + w.version(), w);
        }
        Map<Long, Published> events = new HashMap<>();
        long withoutWrite = 0;
        for (Published e : published) {
            events.put(e.id(), e);
            if (!byVersion.containsKey(e.model() + "#" + e.version())) {
                withoutWrite++;
            }
        }
        Set<Long> seen = new HashSet<>();
        long[] lastId = new long[subscribers];
        Map<String, Long> lastInModel = new HashMap<>();
        long duplicates = 0;
        long unexpected = 0;
        long outOfOrder = 0;
        long outOfOrderInModel = 0;
        long badSignatures = 0;
        long beforeAnswer = 0;
        Latencies latencies = new Latencies();
        Latencies sinceEvent = new Latencies();
        for (Receipt r : receipts) {
            if (!r.signatureOk()) {
                badSignatures++;
            }
            Published event = events.get(r.eventId());
            if (event == null) {
                unexpected++;
                continue;
            }
            if (!seen.add(r.eventId() * subscribers + r.subscriber())) {
                duplicates++;
                continue;
            }
            if (r.eventId() < lastId[r.subscriber()]) {
                outOfOrder++;
            }
            lastId[r.subscriber()] = Math.max(lastId[r.subscriber()], r.eventId());
            String queue = r.subscriber() + "/" + event.model();
            Long before = lastInModel.put(queue, Math.max(r.eventId(), lastInModel.getOrDefault(queue, 0L)));
            if (before != null && r.eventId() < before) {
                outOfOrderInModel++;
            }
            Write write = byVersion.get(event.model() + "#" + event.version());
            if (write != null && write.measured()) {
                long latency = r.receivedNanos() - write.answeredNanos();
                if (latency < 0) {
                    beforeAnswer++;
                }
                latencies.recordNanos(Math.max(0, latency));
                sinceEvent.recordNanos(Math.max(0, r.receivedNanos() + epochOffsetNanos - event.occurredAtEpochNanos()));
            }
        }
        long expected = (long) published.size() * subscribers;
        return new Result(expected, seen.size(), duplicates, expected - seen.size(), unexpected, outOfOrder,
                outOfOrderInModel, badSignatures, beforeAnswer, withoutWrite, latencies, sinceEvent);
    }
}
