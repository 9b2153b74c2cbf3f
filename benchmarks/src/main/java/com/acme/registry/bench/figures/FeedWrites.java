package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.feed.FanOut;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.OpenLoop;
import com.acme.registry.bench.load.Worker;
import com.acme.registry.bench.seed.Evidence;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The writes of figures (n) and (o): version registrations at a fixed offered rate (open loop) over a set of models,
 * with the writer token (an ML_ENGINEER token acting for alice), each one event. Every 201 is recorded with its model,
 * the version it names and when it arrived; writes sent in the warm-up are recorded as not measured.
 */
final class FeedWrites {

    private FeedWrites() {
    }

    record Outcome(LoadResult load, List<FanOut.Write> writes) {
    }

    static List<String> registerModels(Bench b, String prefix, int models) throws IOException {
        List<String> names = new ArrayList<>();
        try (HttpConnection http = b.registry.connect()) {
            for (int i = 0; i < models; i++) {
                b.registerModel(http, prefix + i, i);
                names.add(prefix + i);
            }
        }
        return names;
    }

    static Outcome run(Bench b, List<String> models, double rate, int workers, String keyPrefix)
            throws InterruptedException {
        List<FanOut.Write> writes = Collections.synchronizedList(new ArrayList<>());
        long measureFrom = System.nanoTime() + b.settings.warmup().toNanos();
        LoadResult load = OpenLoop.run(new OpenLoop.Settings(rate, b.settings.warmup(), b.settings.duration(), workers,
                Duration.ofSeconds(30)), w -> new Writer(b, models, keyPrefix, measureFrom, writes));
        return new Outcome(load, List.copyOf(writes));
    }

    private static final class Writer implements Worker {
        private final Bench b;
        private final List<String> models;
        private final String keyPrefix;
        private final long measureFrom;
        private final List<FanOut.Write> writes;
        private final HttpConnection http;

        Writer(Bench b, List<String> models, String keyPrefix, long measureFrom, List<FanOut.Write> writes) {
            this.b = b;
            this.models = models;
            this.keyPrefix = keyPrefix;
            this.measureFrom = measureFrom;
            this.writes = writes;
            this.http = b.registry.connect();
        }

        @Override
        public void call(long sequence) throws Exception {
            String model = models.get((int) (sequence % models.size()));
            byte[] body = b.registry.bytes(Evidence.version(model, (int) sequence + 1, null));
            long sent = System.nanoTime();
            HttpConnection.Response r = http.post("/api/v1/models/" + model + "/versions",
                    b.writerHeaders(keyPrefix + sequence), body);
            long answered = System.nanoTime();
            if (r.status() != 201) {
                throw new IOException("HTTP " + r.status() + " " + r.text());
            }
            int version = b.registry.json().readTree(r.body()).path("version").asInt();
            writes.add(new FanOut.Write(model, version, answered, sent >= measureFrom));
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
