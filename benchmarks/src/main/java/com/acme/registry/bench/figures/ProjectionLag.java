package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.Latencies;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.OpenLoop;
import com.acme.registry.bench.load.Worker;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;
import com.acme.registry.bench.seed.Evidence;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * (d) Projection lag under write load: registrations at a fixed offered rate (open loop, many clients over a set of
 * models); after each 201 its worker polls until the version is visible in the catalog (GET the version, READER token)
 * and in the audit log (GET /api/v1/audit?model=…&action=ModelVersionRegistered as COMPLIANCE: visible once the
 * model has as many such records as the version's number, since a model's versions are numbered 1, 2, 3… in event
 * order). Lag is measured from the 201's arrival. Polls follow one another at once, then every millisecond.
 */
public final class ProjectionLag {

    private static final long POLL_LIMIT_NANOS = 30_000_000_000L;

    private ProjectionLag() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        int models = Math.max(1, b.settings.lagWorkers() / 2);
        String prefix = "bench-d-" + b.runId + "-" + stage.index() + "-";
        try (HttpConnection http = b.registry.connect()) {
            for (int i = 0; i < models; i++) {
                b.registerModel(http, prefix + i, i);
            }
        }
        double rate = b.settings.lagRate();
        List<Observer> observers = Collections.synchronizedList(new ArrayList<>());
        long measureFrom = System.nanoTime() + b.settings.warmup().toNanos();
        long measureUntil = measureFrom + b.settings.duration().toNanos();
        b.log("(d) registrations at %.0f/s over %d models with %d clients, polling catalog and audit log…", rate,
                models, b.settings.lagWorkers());
        LoadResult writes = OpenLoop.run(new OpenLoop.Settings(rate, b.settings.warmup(), b.settings.duration(),
                b.settings.lagWorkers(), Duration.ofSeconds(30)), w -> {
                    Observer o = new Observer(b, prefix, models, measureFrom, measureUntil);
                    observers.add(o);
                    return o;
                });
        Latencies post = new Latencies();
        Latencies catalog = new Latencies();
        Latencies audit = new Latencies();
        long missing = 0;
        long observed = 0;
        long catalogAtOnce = 0;
        long auditAtOnce = 0;
        long answeredInWindow = 0;
        for (Observer o : observers) {
            answeredInWindow += o.answeredInWindow;
            observed += o.observed;
            catalogAtOnce += o.catalogAtOnce;
            auditAtOnce += o.auditAtOnce;
            post.add(o.post);
            catalog.add(o.catalog);
            audit.add(o.audit);
            missing += o.notVisible;
        }
        b.log("(d) writes %s; catalog lag %s; audit lag %s", writes.describe(), catalog.summary(), audit.summary());
        if (!stage.main()) {
            return;
        }
        String at = String.format("at %,.0f registrations/s offered", rate);
        // Requests queue when the registry answers fewer than are offered; counting the 201s of the window, whatever
        // their scheduled time, gives the rate it sustained under this load.
        double answered = answeredInWindow / (b.settings.duration().toNanos() / 1e9);
        b.table.add("d", "registrations/s answered " + at, answered, "/s", null, null);
        b.table.add("d", "201 → visible in catalog p50", catalog.percentileMillis(50), "ms", null, null);
        b.table.add("d", "201 → visible in catalog p99", catalog.percentileMillis(99), "ms", null, Target.atMost(200));
        b.table.add("d", "201 → visible in audit log p50", audit.percentileMillis(50), "ms", null, null);
        b.table.add("d", "201 → visible in audit log p99", audit.percentileMillis(99), "ms", null, Target.atMost(200));
        b.table.note(String.format("(d) at %,d events: %,.0f registrations/s answered in the window; registration "
                        + "(POST alone, from sending) %s; open loop incl. polls, from each request's scheduled time %s; "
                        + "catalog lag %s; audit lag %s; of %,d registrations the first GET already saw "
                        + "%,d in the catalog and %,d in the audit log (a lag is then one GET's own time)%s", events,
                answered, post.summary(), writes.describe(), catalog.summary(), audit.summary(), observed, catalogAtOnce,
                auditAtOnce, missing == 0 ? "" : "; NOT VISIBLE within 30 s: " + missing));
    }

    /** Registers a version, then waits until the catalog and the audit log show it. */
    private static final class Observer implements Worker {
        final Latencies post = new Latencies();
        final Latencies catalog = new Latencies();
        final Latencies audit = new Latencies();
        long notVisible;
        long answeredInWindow;
        long catalogAtOnce;
        long auditAtOnce;
        long observed;
        private final Bench b;
        private final String prefix;
        private final int models;
        private final long measureFrom;
        private final long measureUntil;
        private final HttpConnection http;
        private final Map<String, String> reader;
        private final Map<String, String> compliance;

        Observer(Bench b, String prefix, int models, long measureFrom, long measureUntil) {
            this.b = b;
            this.prefix = prefix;
            this.models = models;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.http = b.registry.connect();
            this.reader = Registry.bearer(b.tokens.reader());
            this.compliance = Registry.bearer(b.tokens.compliance());
        }

        @Override
        public void call(long sequence) throws Exception {
            String model = prefix + (sequence % models);
            byte[] body = b.registry.bytes(Evidence.version(model, (int) sequence + 1, null));
            long sent = System.nanoTime();
            HttpConnection.Response r = http.post("/api/v1/models/" + model + "/versions",
                    b.writerHeaders("bench-" + b.runId + "-d-" + sequence), body);
            long created = System.nanoTime();
            if (r.status() != 201) {
                throw new IOException("HTTP " + r.status() + " " + r.text());
            }
            int version = b.registry.json().readTree(r.body()).path("version").asInt();
            boolean measured = sent >= measureFrom;
            if (measured) {
                post.recordNanos(created - sent);
            }
            if (created >= measureFrom && created < measureUntil) {
                answeredInWindow++;
            }
            int[] polls = new int[2];
            long seenInCatalog = poll(() -> ++polls[0] > 0 && http.get("/api/v1/models/" + model + "/versions/"
                    + version, reader).status() == 200, created);
            long seenInAudit = poll(() -> {
                polls[1]++;
                HttpConnection.Response a = http.get("/api/v1/audit?model=" + model
                        + "&action=ModelVersionRegistered&size=1", compliance);
                return a.status() == 200
                        && b.registry.json().readTree(a.body()).path("totalItems").asLong() >= version;
            }, created);
            if (measured) {
                observed++;
                catalogAtOnce += polls[0] == 1 ? 1 : 0;
                auditAtOnce += polls[1] == 1 ? 1 : 0;
                if (seenInCatalog < 0 || seenInAudit < 0) {
                    notVisible++;
                }
                if (seenInCatalog >= 0) {
                    catalog.recordNanos(seenInCatalog - created);
                }
                if (seenInAudit >= 0) {
                    audit.recordNanos(seenInAudit - created);
                }
            }
        }

        interface Check {
            boolean visible() throws IOException;
        }

        /** The time the check first passed, or -1 if it did not within the limit. */
        private static long poll(Check check, long from) throws IOException, InterruptedException {
            while (true) {
                if (check.visible()) {
                    return System.nanoTime();
                }
                if (System.nanoTime() - from > POLL_LIMIT_NANOS) {
                    return -1;
                }
                Thread.sleep(1);
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
