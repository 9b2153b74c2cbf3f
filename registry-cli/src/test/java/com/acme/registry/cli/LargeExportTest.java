package com.acme.registry.cli;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.verify.ExportWriter;
import com.acme.registry.auditformat.verify.ExportWriter.Format;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A large export verifies in-process, streaming: the live heap stays small (surefire runs -Xmx96m, smaller than the file). 200,000
 * records in the test suite (~130 MB on disk); {@code -Dregistry.cli.large-export-records=1000000} for the full
 * figure of docs/audit-trail.md.
 */
class LargeExportTest {

    static final long RECORDS = Long.getLong("registry.cli.large-export-records", 200_000);
    static final long LIVE_HEAP_LIMIT = 48L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aLargeExportVerifiesInBoundedMemory() throws Exception {
        KeyPair key = ExportWriter.keyPair();
        Path pem = Files.writeString(dir.resolve("registry-audit.pem"), DigestSignature.publicKeyPem(key.getPublic()));
        Path export = dir.resolve("export.jsonl");
        long started = System.nanoTime();
        ExportWriter.stream(export, Format.JSONL, RECORDS, key);
        long written = System.nanoTime();
        assertThat(Files.size(export)).as("bigger than the whole heap: it cannot be loaded")
                .isGreaterThan(Runtime.getRuntime().maxMemory());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try (LiveHeap live = new LiveHeap()) {
            exit = RegistryCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                    .execute("verify", "--public-key", pem.toString(), export.toString());
            long verified = System.nanoTime();
            System.out.printf("%d records, %d MB: written in %d ms, verified in %d ms, live heap at most %d MB "
                            + "(%d samples), heap max %d MB%n", RECORDS, Files.size(export) >> 20,
                    (written - started) / 1_000_000, (verified - written) / 1_000_000, live.max() >> 20,
                    live.samples(), Runtime.getRuntime().maxMemory() >> 20);
            assertThat(live.samples()).isPositive();
            assertThat(live.max()).isLessThan(LIVE_HEAP_LIMIT);
        }
        assertThat(err.toString()).isEmpty();
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("OK: " + RECORDS + " records, sequences 1000.."
                + ExportWriter.sequence(RECORDS - 1) + ", final hash ");
    }

    /** Samples the heap in use just after a full GC (the live data), every 500 ms. */
    static final class LiveHeap implements AutoCloseable {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong max = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        LiveHeap() {
            thread = new Thread(() -> {
                while (running.get()) {
                    memory.gc();
                    max.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long max() {
            return max.get();
        }

        long samples() {
            return samples.get();
        }

        @Override
        public void close() throws IOException {
            running.set(false);
            thread.interrupt();
        }
    }
}
