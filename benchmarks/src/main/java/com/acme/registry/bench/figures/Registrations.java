package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.ClosedLoop;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.Worker;
import com.acme.registry.bench.report.Target;
import com.acme.registry.bench.seed.Evidence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * (a) Version registrations over HTTP with N concurrent clients (ML_ENGINEER API token, an Idempotency-Key each, one
 * model per client), closed loop. Baseline: raw JDBC doing the minimal SQL of a registration at the same concurrency —
 * read the model's last sequence number, insert one event row of the same payload and metadata, commit — against a
 * scratch table shaped like the event table (same columns, keys and unique constraints), so that the registry's event
 * store and its projections never see a baseline row.
 */
public final class Registrations {

    static final String BASELINE_TABLE = "bench_baseline_event";
    private static final int BODIES_PER_CLIENT = 32;

    private Registrations() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        int n = b.settings.clients();
        String prefix = "bench-a-" + b.runId + "-" + stage.index() + "-";
        try (HttpConnection http = b.registry.connect()) {
            for (int i = 0; i < n; i++) {
                b.registerModel(http, prefix + i, i);
            }
        }
        b.log("(a) %d clients registering versions over HTTP for %ds (+%ds warm-up)…", n,
                b.settings.duration().toSeconds(), b.settings.warmup().toSeconds());
        LoadResult overHttp = ClosedLoop.run(new ClosedLoop.Settings(n, b.settings.warmup(), b.settings.duration()),
                w -> new HttpRegistrations(b, prefix + w, w));
        b.log("(a) HTTP: %s", overHttp.describe());
        String label = "registrations/s, " + n + " clients";
        if (stage.growth()) {
            b.growth.add(stage.targetEvents(), "a", label, overHttp.perSecond(), "/s", true);
            b.growth.add(stage.targetEvents(), "a", "registration p50", overHttp.latencies().percentileMillis(50), "ms", false);
            b.growth.add(stage.targetEvents(), "a", "registration p99", overHttp.latencies().percentileMillis(99), "ms", false);
        }
        if (!stage.main()) {
            return;
        }
        LoadResult jdbc = baseline(b, prefix, n);
        b.log("(a) JDBC baseline: %s", jdbc.describe());
        b.table.add("a", label + " (JDBC baseline: same SQL rows)", overHttp.perSecond(), "/s", jdbc.perSecond(),
                Target.atLeast(1000).and(Target.ratioAtLeast(0.5)));
        b.table.add("a", "registration p50", overHttp.latencies().percentileMillis(50), "ms",
                jdbc.latencies().percentileMillis(50), null);
        b.table.add("a", "registration p99", overHttp.latencies().percentileMillis(99), "ms",
                jdbc.latencies().percentileMillis(99), null);
        b.table.note(String.format("(a) at %,d events: HTTP %s; JDBC baseline %s", events, overHttp.describe(),
                jdbc.describe()));
    }

    /** One training pipeline: registers versions of its own model, each with a fresh Idempotency-Key. */
    private static final class HttpRegistrations implements Worker {
        private final Bench b;
        private final String model;
        private final HttpConnection http;
        private final byte[][] bodies = new byte[BODIES_PER_CLIENT][];
        private final String keyPrefix;

        HttpRegistrations(Bench b, String model, int worker) {
            this.b = b;
            this.model = model;
            this.http = b.registry.connect();
            this.keyPrefix = "bench-" + b.runId + "-" + model + "-";
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = b.registry.bytes(Evidence.version(model, i + 1, null));
            }
        }

        @Override
        public void call(long sequence) throws Exception {
            HttpConnection.Response r = http.post("/api/v1/models/" + model + "/versions",
                    b.writerHeaders(keyPrefix + sequence), bodies[(int) (sequence % bodies.length)]);
            if (r.status() != 201) {
                throw new IOException("HTTP " + r.status() + " " + r.text());
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    static LoadResult baseline(Bench b, String prefix, int n) throws Exception {
        byte[] payload;
        byte[] metaData;
        try (Connection c = b.db.connect();
             PreparedStatement s = c.prepareStatement("SELECT payload, meta_data FROM domain_event_entry "
                     + "WHERE aggregate_identifier = ? AND sequence_number > 0 ORDER BY sequence_number DESC LIMIT 1")) {
            s.setString(1, prefix + "0");
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no registration of " + prefix + "0 to copy the payload from");
                }
                payload = rs.getBytes(1);
                metaData = rs.getBytes(2);
            }
        }
        b.db.execute("DROP TABLE IF EXISTS " + BASELINE_TABLE);
        b.db.execute("CREATE TABLE " + BASELINE_TABLE + " ("
                + "global_index BIGSERIAL NOT NULL PRIMARY KEY, aggregate_identifier VARCHAR(255) NOT NULL, "
                + "sequence_number BIGINT NOT NULL, type VARCHAR(255), event_identifier VARCHAR(255) NOT NULL UNIQUE, "
                + "meta_data BYTEA, payload BYTEA NOT NULL, payload_revision VARCHAR(255), "
                + "payload_type VARCHAR(255) NOT NULL, time_stamp VARCHAR(255) NOT NULL, "
                + "UNIQUE (aggregate_identifier, sequence_number))");
        b.log("(a) JDBC baseline: %d clients, %d-byte payload, %d-byte metadata…", n, payload.length, metaData.length);
        try {
            return ClosedLoop.run(new ClosedLoop.Settings(n, b.settings.warmup(), b.settings.duration()),
                    w -> new JdbcRegistrations(b, "bench-baseline-" + b.runId + "-" + w, payload, metaData));
        } finally {
            b.db.execute("DROP TABLE IF EXISTS " + BASELINE_TABLE);
        }
    }

    /** The minimal SQL of one registration: last sequence number, one event row, commit. */
    private static final class JdbcRegistrations implements Worker {
        private final Connection connection;
        private final PreparedStatement last;
        private final PreparedStatement insert;
        private final String aggregate;
        private final byte[] payload;
        private final byte[] metaData;

        JdbcRegistrations(Bench b, String aggregate, byte[] payload, byte[] metaData) {
            try {
                this.connection = b.db.connect();
                connection.setAutoCommit(false);
                this.last = connection.prepareStatement("SELECT max(sequence_number) FROM " + BASELINE_TABLE
                        + " WHERE aggregate_identifier = ?");
                this.insert = connection.prepareStatement("INSERT INTO " + BASELINE_TABLE + " (event_identifier, "
                        + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                        + "payload, meta_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            this.aggregate = aggregate;
            this.payload = payload;
            this.metaData = metaData;
        }

        @Override
        public void call(long sequence) throws Exception {
            try {
                last.setString(1, aggregate);
                long next;
                try (ResultSet rs = last.executeQuery()) {
                    rs.next();
                    long max = rs.getLong(1);
                    next = rs.wasNull() ? 0 : max + 1;
                }
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, aggregate);
                insert.setLong(3, next);
                insert.setString(4, "RegisteredModel");
                insert.setString(5, Instant.now().toString());
                insert.setString(6, "com.acme.registry.model.ModelVersionRegistered");
                insert.setString(7, "1");
                insert.setBytes(8, payload);
                insert.setBytes(9, metaData);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
