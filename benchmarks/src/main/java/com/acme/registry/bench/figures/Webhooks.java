package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.feed.FanOut;
import com.acme.registry.bench.feed.WebhookReceiver;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * (n) Webhook delivery latency: {@code --webhook-subscriptions} subscriptions (created over the admin API by the
 * {@code --admin} person, every event type, each to its own path of a receiver the harness runs on 127.0.0.1), then
 * version registrations at {@code --webhook-rate} per second (open loop, writer token), each one event. For every
 * (event, subscription): the 201's arrival → the receiver had the POST carrying that event. Every delivery's
 * signature is checked with the secret its subscription's creation answered. Expected: every event the feed published
 * after the subscriptions existed, to every subscription. The registry must allow plain http to 127.0.0.1
 * ({@code --registry.webhooks.allow-http=true --registry.webhooks.allowed-networks=127.0.0.1/32}).
 */
public final class Webhooks {

    static final double P99_TARGET_MILLIS = 500;
    private static final int MODELS = 20;
    private static final int WRITERS = 32;
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(15);

    private Webhooks() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        if (!stage.main()) {
            return;
        }
        int subscriptions = b.settings.webhookSubscriptions();
        double rate = b.settings.webhookRate();
        List<String> models = FeedWrites.registerModels(b, "bench-n-" + b.runId + "-" + stage.index() + "-", MODELS);
        b.registry.awaitFeed(b.tokens.admin(), Duration.ofMinutes(10));
        List<String> created = new ArrayList<>();
        FeedWrites.Outcome outcome;
        List<FanOut.Published> published;
        List<FanOut.Receipt> receipts;
        long drained;
        try (WebhookReceiver receiver = WebhookReceiver.start(16); HttpConnection http = b.registry.connect()) {
            try {
                for (int k = 0; k < subscriptions; k++) {
                    JsonNode answer = create(b, http, "bench-" + b.runId + "-n-" + stage.index() + "-" + k,
                            receiver.url(k));
                    created.add(answer.path("subscription").path("id").asText());
                    receiver.secret(k, answer.path("secret").asText());
                }
                long head = b.registry.feedHead(http, b.tokens.admin());
                b.log("(n) %d webhook subscriptions to %s; registrations at %.0f/s over %d models for %ds (+%ds "
                                + "warm-up) from feed position %d…", subscriptions, receiver.url(0), rate, MODELS,
                        b.settings.duration().toSeconds(), b.settings.warmup().toSeconds(), head);
                outcome = FeedWrites.run(b, models, rate, WRITERS, "bench-" + b.runId + "-n-");
                long writesDone = System.nanoTime();
                b.log("(n) writes: %s", outcome.load().describe());
                b.registry.awaitFeed(b.tokens.admin(), Duration.ofMinutes(5));
                published = published(b.registry.feedEvents(http, b.tokens.admin(), head));
                long expected = (long) published.size() * subscriptions;
                while (receiver.distinct() < expected
                        && System.nanoTime() - receiver.lastReceiptNanos() < DRAIN_QUIET.toNanos()) {
                    Thread.sleep(100);
                }
                drained = receiver.lastReceiptNanos() - writesDone;
                receipts = receiver.receipts();
            } finally {
                for (String id : created) {
                    b.registry.delete(http, "/api/v1/admin/webhooks/" + id, b.tokens.admin(), 204);
                }
            }
        }
        FanOut.Result r = FanOut.match(outcome.writes(), published, subscriptions, receipts,
                FanOut.epochOffsetNanos());
        b.log("(n) deliveries: %s", r.describe());
        String at = String.format("%.0f writes/s, %d subscriptions", rate, subscriptions);
        b.table.add("n", "webhook 201 → received p50 (" + at + ")", r.latencies().percentileMillis(50), "ms", null,
                null);
        b.table.add("n", "webhook 201 → received p99", r.latencies().percentileMillis(99), "ms", null,
                Target.atMost(P99_TARGET_MILLIS));
        b.table.add("n", "webhook 201 → received max", r.latencies().maxMillis(), "ms", null, null);
        b.table.add("n", "webhook event time → received p99 (occurredAt, wall clock)",
                r.sinceEvent().percentileMillis(99), "ms", null, null);
        b.table.add("n", String.format("webhook deliveries missing of %,d expected (%,d received)", r.expected(),
                r.received()), r.missing(), "", null, Target.atMost(0));
        b.table.add("n", "webhook deliveries duplicated", r.duplicates(), "", null, null);
        b.table.add("n", "webhook deliveries with a bad signature", r.badSignatures(), "", null, Target.atMost(0));
        b.table.note(String.format("(n) at %,d events: writes %s; %,d events published after the subscriptions; "
                        + "deliveries %s; out of order within a model (must be 0) %,d; the last delivery %.1f s after the "
                        + "last write's answer", events, outcome.load().describe(), published.size(), r.describe(),
                r.outOfOrderInModel(), drained / 1e9));
    }

    private static JsonNode create(Bench b, HttpConnection http, String name, String url) throws IOException {
        HttpConnection.Response answer = http.post("/api/v1/admin/webhooks", Registry.bearerJson(b.tokens.admin()),
                b.registry.bytes(Map.of("name", name, "url", url)));
        if (answer.status() == 400 && answer.text().contains("url")) {
            throw new IOException("the registry refuses the receiver's URL " + url + ": start it with "
                    + "--registry.webhooks.allow-http=true --registry.webhooks.allowed-networks=127.0.0.1/32 "
                    + "(docs/benchmarks.md): " + answer.text());
        }
        return b.registry.expect(answer, 201, "POST /api/v1/admin/webhooks");
    }

    static List<FanOut.Published> published(List<JsonNode> events) {
        List<FanOut.Published> published = new ArrayList<>();
        for (JsonNode e : events) {
            JsonNode version = e.path("version");
            Instant at = Instant.parse(e.path("occurredAt").asText());
            published.add(new FanOut.Published(e.path("id").asLong(), e.path("model").asText(),
                    version.isInt() ? version.asInt() : null, at.getEpochSecond() * 1_000_000_000L + at.getNano()));
        }
        return published;
    }
}
