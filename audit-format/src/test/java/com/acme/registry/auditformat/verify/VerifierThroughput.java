package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.verify.ExportWriter.Format;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * Records per second of the offline verifier, JSON Lines and CSV, on exports written by {@link ExportWriter} (not a
 * test: run by hand, see docs/architecture.md). Arguments: records (default 200000), rounds (default 5); prints the
 * median and best round of each format after one warm-up round, by the clock and by the verifying thread's CPU time
 * (steadier on a shared machine).
 */
public final class VerifierThroughput {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private VerifierThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        KeyPair key = ExportWriter.keyPair();
        Path dir = Files.createTempDirectory("verifier-throughput");
        try {
            for (Format format : Format.values()) {
                Path export = dir.resolve("export" + format.extension);
                ExportWriter.stream(export, format, records, key);
                verify(export, format, key); // warm-up
                double[] perSecond = new double[rounds];
                double[] perCpuSecond = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long started = System.nanoTime();
                    long startedCpu = CPU.getCurrentThreadCpuTime();
                    verify(export, format, key);
                    perCpuSecond[i] = records / ((CPU.getCurrentThreadCpuTime() - startedCpu) / 1e9);
                    perSecond[i] = records / ((System.nanoTime() - started) / 1e9);
                }
                Arrays.sort(perSecond);
                Arrays.sort(perCpuSecond);
                System.out.printf("%-5s %,d records, %,d MB: median %,.0f records/s (best %,.0f); by CPU time median "
                                + "%,.0f records/s (best %,.0f)%n", format, records, Files.size(export) >> 20,
                        perSecond[rounds / 2], perSecond[rounds - 1], perCpuSecond[rounds / 2],
                        perCpuSecond[rounds - 1]);
                Files.delete(export);
            }
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    private static void verify(Path export, Format format, KeyPair key) throws Exception {
        try (InputStream in = Files.newInputStream(export)) { // unbuffered, as registry-cli opens it
            ExportReader reader = format == Format.CSV ? new CsvReader(in) : new JsonLinesReader(in);
            ExportVerifier.verify(reader, key.getPublic());
        }
    }
}
