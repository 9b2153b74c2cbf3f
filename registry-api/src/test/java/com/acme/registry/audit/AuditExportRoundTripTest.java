package com.acme.registry.audit;

import com.acme.registry.auditformat.HashChain;
import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportVerifier;
import com.acme.registry.auditformat.verify.JsonLinesReader;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export -> verify round trip on a generated history of 100,000 audit records: the stored chain verifies,
 * both export formats stream out of PostgreSQL and verify with the offline verifier, and a filtered export is
 * a valid chain of its own. Prints its figures (records/s) for docs/benchmarks.
 */
class AuditExportRoundTripTest {

    static final int RECORDS = Integer.getInteger("registry.audit.round-trip-records", 100_000);
    private static DataSource dataSource;
    private static AuditQueries queries;
    private static AuditExport export;
    private static AuditSigningKey key;

    @TempDir
    static Path files;

    @BeforeAll
    static void history() {
        dataSource = TestDatabase.migrated("roundtrip");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        queries = new AuditQueries(jdbc, dataSource, new DataSourceTransactionManager(dataSource));
        key = new AuditSigningKey(files.resolve("key.pem"));
        export = new AuditExport(queries, key);
        long started = System.nanoTime();
        HashChain chain = new HashChain();
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> batch = new ArrayList<>();
        for (int i = 1; i <= RECORDS; i++) {
            String model = "model-" + (i % 50);
            AuditRecord record = new AuditRecord(i, (long) i, start.plusSeconds(i), i % 7 == 0 ? "rita" : "alice",
                    i % 3 == 0 ? "PromotionApproved" : "ModelVersionRegistered", model, i % 40 + 1,
                    i % 3 == 0 ? "production" : null, i % 3 == 0 ? "ok, \"stable\"\nPSI" : null, "req-" + i,
                    "{\"modelName\":\"" + model + "\",\"n\":" + i + "}", null, null);
            var linked = chain.link(record.fields());
            batch.add(new Object[] {i, (long) i, Timestamp.from(record.recordedAt()), record.actor(), record.action(),
                    model, record.version(), record.environment(), record.reason(), record.correlationId(),
                    record.details(), linked.get(HashChain.PREVIOUS_HASH), linked.get(HashChain.HASH)});
            if (batch.size() == 5000 || i == RECORDS) {
                jdbc.batchUpdate("""
                        INSERT INTO audit_record (sequence, position, recorded_at, actor, action, model, version,
                                environment, reason, correlation_id, details, previous_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
                batch.clear();
            }
        }
        report("generated", RECORDS, started);
    }

    @Test
    void theStoredChainOfTheWholeHistoryVerifies() {
        long started = System.nanoTime();
        AuditQueries.Verification verification = queries.verify();
        report("stored chain verified", RECORDS, started);
        assertThat(verification.valid()).as(verification.toString()).isTrue();
        assertThat(verification.records()).isEqualTo(RECORDS);
    }

    @Test
    void jsonLinesAndCsvExportsOfTheWholeHistoryVerifyOffline() throws Exception {
        for (AuditExportFormat format : AuditExportFormat.values()) {
            Path file = files.resolve("export." + format.name().toLowerCase());
            long started = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(file)) {
                export.write(new AuditFilter(null, null, null, null, null), format, out);
            }
            report(format + " exported (" + (Files.size(file) >> 20) + " MB)", RECORDS, started);
            started = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                var summary = ExportVerifier.verify(format == AuditExportFormat.CSV ? new CsvReader(in)
                        : new JsonLinesReader(in), key.publicKey());
                report(format + " verified", RECORDS, started);
                assertThat(summary.count()).isEqualTo(RECORDS);
                assertThat(summary.firstSequence()).isEqualTo(1L);
                assertThat(summary.lastSequence()).isEqualTo((long) RECORDS);
            }
            Files.delete(file);
        }
    }

    @Test
    void aFilteredExportIsAChainOfItsOwn() throws Exception {
        Path file = files.resolve("filtered.jsonl");
        try (OutputStream out = Files.newOutputStream(file)) {
            export.write(new AuditFilter("model-7", "rita", null, null, null), AuditExportFormat.JSONL, out);
        }
        try (InputStream in = Files.newInputStream(file)) {
            var summary = ExportVerifier.verify(new JsonLinesReader(in), key.publicKey());
            long expected = java.util.stream.IntStream.rangeClosed(1, RECORDS)
                    .filter(i -> i % 50 == 7 && i % 7 == 0).count();
            assertThat(summary.count()).isEqualTo(expected).isPositive();
        }
    }

    @Test
    void readingAheadGivesEveryRecordInOrderAndStopsReadingWhenTheConsumerFails() throws Exception {
        long[] expected = {1};
        queries.streamReadingAhead(new AuditFilter(null, null, null, null, null), record -> {
            assertThat(record.sequence()).isEqualTo(expected[0]);
            expected[0]++;
        });
        assertThat(expected[0] - 1).isEqualTo(RECORDS);

        IllegalStateException gone = new IllegalStateException("the client went away");
        int[] seen = {0};
        assertThatThrownBy(() -> queries.streamReadingAhead(new AuditFilter(null, null, null, null, null), record -> {
            if (++seen[0] == 1000) {
                throw gone;
            }
        })).isSameAs(gone);
        assertThat(seen[0]).isEqualTo(1000);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((readers() > 0 || openTransactions(jdbc) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readers()).as("the reading thread has ended").isZero();
        assertThat(openTransactions(jdbc)).as("its transaction is over").isZero();
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("audit-read-ahead") && t.isAlive()).count();
    }

    private static int openTransactions(JdbcTemplate jdbc) {
        Integer open = jdbc.queryForObject("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                AND (state = 'active' OR state LIKE 'idle in transaction%')""", Integer.class);
        return open == null ? 0 : open;
    }

    private static void report(String what, long records, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf("audit round trip: %s: %,d records in %.2f s = %,.0f records/s%n", what, records, seconds,
                records / seconds);
    }
}
