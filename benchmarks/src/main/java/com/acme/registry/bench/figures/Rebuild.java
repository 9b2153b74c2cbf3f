package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * (e) Rebuilding every rebuildable read model (catalog, governance, serving) from the event store:
 * POST /api/v1/admin/read-models/rebuild as ADMIN, which answers 200 once the rebuilt tables are live or 202 after 60 s;
 * then GET /api/v1/admin/read-models until no rebuild runs and every rebuilt group's lag is 0. Events per second = events in the store ÷ time.
 * Baseline: one plain JDBC scan of domain_event_entry in global-index order reading every column of every row,
 * payload and metadata included (fetch size 500, as the registry's event-store batch), after one unmeasured scan so
 * that both start from the same warm cache.
 */
public final class Rebuild {

    private Rebuild() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        scan(b); // warm-up: the same pages in cache for both
        long scanStart = System.nanoTime();
        Scan scan = scan(b);
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;
        long scanned = scan.rows();
        b.log("(e) JDBC scan: %,d rows, %,d MB in %.2f s", scanned, scan.bytes() >> 20, scanSeconds);

        long stored = b.db.events();
        b.log("(e) rebuilding catalog, governance and serving from %,d events…", stored);
        long start = System.nanoTime();
        int status;
        try (HttpConnection http = b.registry.connect()) {
            status = http.post("/api/v1/admin/read-models/rebuild", Registry.bearerJson(b.tokens.admin()), new byte[0])
                    .status();
            if (status != 200 && status != 202) {
                throw new IOException("rebuild: HTTP " + status);
            }
            long deadline = start + java.util.concurrent.TimeUnit.HOURS.toNanos(6);
            while (!b.registry.freshness(http, b.tokens.admin(), Registry.REBUILT_GROUPS).caughtUp(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("the rebuild has not caught up after 6 hours");
                }
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        b.log("(e) rebuilt in %.2f s (first answer %d)", seconds, status);
        b.table.add("e", String.format("rebuild all read models, events/s (%,d events; baseline SQL scan)", stored),
                stored / seconds, "/s", scanned / scanSeconds, Target.atLeast(20_000));
        b.table.note(String.format("(e) rebuild of %,d events took %.2f s; the JDBC scan of the same rows %.2f s",
                stored, seconds, scanSeconds));
    }

    record Scan(long rows, long bytes) {
    }

    static Scan scan(Bench b) throws Exception {
        long rows = 0;
        long bytes = 0;
        try (Connection c = b.db.connect()) {
            c.setAutoCommit(false); // a cursor: fetch size only applies inside a transaction
            try (PreparedStatement s = c.prepareStatement("SELECT global_index, type, aggregate_identifier, "
                    + "sequence_number, event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data "
                    + "FROM domain_event_entry ORDER BY global_index")) {
                s.setFetchSize(500);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        rs.getLong(1);
                        rs.getLong(4);
                        bytes += length(rs.getString(2)) + length(rs.getString(3)) + length(rs.getString(5))
                                + length(rs.getString(6)) + length(rs.getString(7)) + length(rs.getString(8));
                        bytes += rs.getBytes(9).length;
                        byte[] meta = rs.getBytes(10);
                        bytes += meta == null ? 0 : meta.length;
                    }
                }
            }
            c.commit();
        }
        return new Scan(rows, bytes);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
