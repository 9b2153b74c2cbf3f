package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.feed.FanOut;
import com.acme.registry.bench.feed.StreamSubscriber;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.report.Target;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * (o) Event stream fan-out: {@code --stream-subscribers} concurrent {@code GET /api/v1/events/stream} (READER token,
 * each on its own socket and thread, all from the same position), then version registrations at {@code --stream-rate}
 * per second (open loop, writer token). For every (event, subscriber): the write's 201 → the subscriber had the event.
 * Two clocks stand in for the commit, which the harness cannot see: the event's own {@code occurredAt} (taken when
 * the command applied it, before the commit; compared with the harness's wall clock on the same machine), which
 * makes the figure an upper bound of commit → received and carries the target; and the write's 201, which comes
 * after the commit and after the registry waited for its projections (read-your-writes), so a stream often has the
 * event before the 201: those count as 0, and that figure is a lower bound. Every subscriber must get every event
 * the feed published after the start position, exactly once, in id order.
 */
public final class StreamFanOut {

    static final double P99_TARGET_MILLIS = 250;
    private static final int MODELS = 8;
    private static final int WRITERS = 8;
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(10);

    private StreamFanOut() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        if (!stage.main()) {
            return;
        }
        int n = b.settings.streamSubscribers();
        double rate = b.settings.streamRate();
        List<String> models = FeedWrites.registerModels(b, "bench-o-" + b.runId + "-" + stage.index() + "-", MODELS);
        b.registry.awaitFeed(b.tokens.admin(), Duration.ofMinutes(10));
        long head;
        try (HttpConnection http = b.registry.connect()) {
            head = b.registry.feedHead(http, b.tokens.reader());
        }
        List<StreamSubscriber> subscribers = new ArrayList<>();
        FeedWrites.Outcome outcome;
        List<FanOut.Published> published;
        List<FanOut.Receipt> receipts = new ArrayList<>();
        long drained;
        List<String> failures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                subscribers.add(StreamSubscriber.open(i, b.registry.base(), "/api/v1/events/stream?after=" + head,
                        "Bearer " + b.tokens.reader()));
            }
            for (StreamSubscriber s : subscribers) {
                if (!s.awaitReady(30_000)) {
                    throw new IllegalStateException("a stream did not open: " + s.failure()
                            + " (registry.events.max-streams must be at least " + n + ")");
                }
            }
            b.log("(o) %d streams open from position %d; registrations at %.0f/s over %d models for %ds (+%ds "
                    + "warm-up)…", n, head, rate, MODELS, b.settings.duration().toSeconds(),
                    b.settings.warmup().toSeconds());
            outcome = FeedWrites.run(b, models, rate, WRITERS, "bench-" + b.runId + "-o-");
            long writesDone = System.nanoTime();
            b.log("(o) writes: %s", outcome.load().describe());
            b.registry.awaitFeed(b.tokens.admin(), Duration.ofMinutes(5));
            try (HttpConnection http = b.registry.connect()) {
                published = Webhooks.published(b.registry.feedEvents(http, b.tokens.reader(), head));
            }
            long last = published.isEmpty() ? head : published.get(published.size() - 1).id();
            long quietSince = System.nanoTime();
            long seen = -1;
            while (System.nanoTime() - quietSince < DRAIN_QUIET.toNanos()) {
                long behind = 0;
                long total = 0;
                for (StreamSubscriber s : subscribers) {
                    behind += s.lastId() < last ? 1 : 0;
                    total += s.received();
                }
                if (behind == 0) {
                    break;
                }
                if (total != seen) {
                    seen = total;
                    quietSince = System.nanoTime();
                }
                Thread.sleep(50);
            }
            drained = System.nanoTime() - writesDone;
        } finally {
            for (StreamSubscriber s : subscribers) {
                s.close();
                if (s.failure() != null) {
                    failures.add(s.failure());
                }
                s.receipts(receipts);
            }
        }
        FanOut.Result r = FanOut.match(outcome.writes(), published, n, receipts, FanOut.epochOffsetNanos());
        b.log("(o) events: %s", r.describe());
        String at = String.format("%d subscribers, %.0f writes/s", n, rate);
        // the target is judged on the upper bound: the event's own time comes before its commit
        b.table.add("o", "stream event time → received p50 (" + at + "; occurredAt, wall clock)",
                r.sinceEvent().percentileMillis(50), "ms", null, null);
        b.table.add("o", "stream event time → received p99", r.sinceEvent().percentileMillis(99), "ms", null,
                Target.atMost(P99_TARGET_MILLIS));
        b.table.add("o", "stream event time → received max", r.sinceEvent().maxMillis(), "ms", null, null);
        b.table.add("o", String.format("stream 201 → received p50 (%,d of %,d received before the 201, counted as 0)",
                r.beforeAnswer(), r.latencies().count()), r.latencies().percentileMillis(50), "ms", null, null);
        b.table.add("o", "stream 201 → received p99", r.latencies().percentileMillis(99), "ms", null, null);
        b.table.add("o", "stream 201 → received max", r.latencies().maxMillis(), "ms", null, null);
        b.table.add("o", String.format("stream events missing of %,d expected (%,d received)", r.expected(),
                r.received()), r.missing(), "", null, Target.atMost(0));
        b.table.add("o", "stream events duplicated or out of id order", r.duplicates() + r.outOfOrder(), "", null,
                Target.atMost(0));
        b.table.note(String.format("(o) at %,d events: writes %s; %,d events published after position %d; %s; "
                        + "every subscriber caught up %.1f s after the last write's answer%s", events,
                outcome.load().describe(), published.size(), head, r.describe(), drained / 1e9,
                failures.isEmpty() ? "" : "; streams that failed: " + failures.size() + " (first: " + failures.get(0)
                        + ")"));
    }
}
