package com.acme.registry.bench.seed;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Grows the event store to a number of events with seed models of {@link #VERSIONS} versions each
 * ({@code seed-<team>-<index>}), over HTTP or in bulk, then waits until the registry has projected every event into
 * every read model and the audit log, and notes how long each part took.
 */
public final class Seeding {

    public enum Mode {
        BULK, HTTP, NONE
    }

    public static final int VERSIONS = 50;
    private static final int BULK_MODELS_PER_TRANSACTION = 20;

    private Seeding() {
    }

    public static void grow(Bench b, long targetEvents, Mode mode, int httpClients) throws Exception {
        long events = b.db.events();
        if (events >= targetEvents || mode == Mode.NONE) {
            if (events < targetEvents) {
                b.log("seed: the store holds %,d events, fewer than %,d, and seeding is off", events, targetEvents);
            }
            return;
        }
        int models = (int) Math.ceil((targetEvents - events) / (double) (VERSIONS + 1));
        int from = (int) b.db.queryLong("SELECT count(*) FROM domain_event_entry "
                + "WHERE aggregate_identifier LIKE 'seed-%' AND sequence_number = 0");
        b.log("seed: %,d events stored; adding %,d models × %d versions (%,d events) %s…", events, models, VERSIONS,
                models * (VERSIONS + 1L), mode == Mode.BULK ? "in bulk" : "over HTTP with " + httpClients + " clients");
        long start = System.nanoTime();
        long written = mode == Mode.BULK ? bulk(b, from, models) : http(b, from, models, httpClients);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        b.log("seed: %,d events written in %.1f s (%,.0f events/s); waiting for the projections…", written,
                writeSeconds, written / writeSeconds);
        Duration projection = b.registry.awaitProjections(b.tokens.admin(), Duration.ofHours(6));
        double projectionSeconds = projection.toMillis() / 1000.0;
        b.log("seed: projected %.1f s after the last write", projectionSeconds);
        // What autovacuum would do after a bulk load, and PostgreSQL's advice for one: without statistics the planner
        // guesses, and this machine's server runs with autovacuum off.
        long analyzeStart = System.nanoTime();
        b.db.execute("ANALYZE");
        double analyzeSeconds = (System.nanoTime() - analyzeStart) / 1e9;
        b.log("seed: ANALYZE took %.1f s", analyzeSeconds);
        b.table.note(String.format("seed to %,d events: %,d models × %d versions (%,d events) written %s in %.1f s "
                        + "(%,.0f events/s); every projection and the audit log caught up %.1f s after the last write; "
                        + "ANALYZE of the database %.1f s",
                targetEvents, models, VERSIONS, written, mode == Mode.BULK ? "in bulk (Axon's JdbcEventStorageEngine)"
                        : "over HTTP by " + httpClients + " clients", writeSeconds, written / writeSeconds,
                projectionSeconds, analyzeSeconds));
    }

    private static long bulk(Bench b, int from, int models) throws Exception {
        long written = 0;
        try (Connection connection = b.db.connect()) {
            BulkSeeder seeder = new BulkSeeder(connection, b.writerActor(), b.writerOwner());
            for (int done = 0; done < models; done += BULK_MODELS_PER_TRANSACTION) {
                written += seeder.append(from + done, Math.min(BULK_MODELS_PER_TRANSACTION, models - done), VERSIONS);
                if (done == 0) {
                    checkShape(b, connection);
                }
            }
        }
        return written;
    }

    /** Refuses to go on if a bulk-written event is not shaped like one the registry wrote for an HTTP request. */
    private static void checkShape(Bench b, Connection connection) throws Exception {
        connection.setAutoCommit(true);
        try {
            for (String type : List.of("com.acme.registry.model.ModelRegistered",
                    "com.acme.registry.model.ModelVersionRegistered")) {
                String viaHttp = EventShape.ofStored(connection, b.registry.json(), "bench-serving-" + b.runId, type);
                String inBulk = EventShape.ofStored(connection, b.registry.json(), "seed-", type);
                if (viaHttp == null || !viaHttp.equals(inBulk)) {
                    throw new IllegalStateException("a bulk-written event differs from the registry's own:\n  HTTP: "
                            + viaHttp + "\n  bulk: " + inBulk);
                }
            }
            b.log("seed: bulk-written events have the shape of the registry's own (payload and metadata fields, "
                    + "payload type, revision, aggregate type)");
        } finally {
            connection.setAutoCommit(false);
        }
    }

    private static long http(Bench b, int from, int models, int clients) throws Exception {
        AtomicInteger next = new AtomicInteger(from);
        AtomicInteger events = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try (HttpConnection http = b.registry.connect()) {
                    int index;
                    while (failure.get() == null && (index = next.getAndIncrement()) < from + models) {
                        String name = Evidence.seedModelName(index);
                        b.registry.post(http, "/api/v1/models", b.tokens.writer(),
                                Evidence.modelRegistration(name, Evidence.model(index)), 201);
                        events.incrementAndGet();
                        for (int v = 1; v <= VERSIONS; v++) {
                            Integer parent = v > 1 && v % 3 != 1 ? v - 1 : null;
                            HttpConnection.Response r = http.post("/api/v1/models/" + name + "/versions",
                                    b.writerHeaders("seed-" + name + "-" + v),
                                    b.registry.bytes(Evidence.version(name, v, parent)));
                            b.registry.expect(r, 201, "seed " + name + " v" + v);
                            events.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "seed-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw new IOException("seeding over HTTP failed", failure.get());
        }
        return events.get();
    }

}
