package com.acme.registry.bench;

import com.acme.registry.bench.http.HttpConnection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the figures were measured on, read off the machine, the database and the registry at run time. */
final class MachineInfo {

    private MachineInfo() {
    }

    static List<String> describe(Bench b) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "machine: %s, %d CPUs (nproc), %s memory; load average at start %s",
                cpuModel(), Runtime.getRuntime().availableProcessors(), memory(), loadAverage()));
        try {
            String pg = b.db.queryString("SELECT version()");
            lines.add("database: " + pg.replaceAll(" on .*", "") + " on the same machine ("
                    + b.db.queryString("SHOW shared_buffers") + " shared_buffers, synchronous_commit "
                    + b.db.queryString("SHOW synchronous_commit") + ", autovacuum "
                    + b.db.queryString("SHOW autovacuum") + ")");
        } catch (Exception e) {
            lines.add("database: ? (" + e.getMessage() + ")");
        }
        lines.add("harness JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (HttpConnection http = b.registry.connect()) {
            double heapMax = b.registry.metric(http, b.tokens.admin(), "jvm.memory.max", "area:heap") / (1 << 20);
            lines.add(String.format(Locale.ROOT, "registry JVM: %s %s, max heap %.0f MB, %s CPUs seen; at %s",
                    b.registry.metricTag(http, b.tokens.admin(), "jvm.info", "vendor"),
                    b.registry.metricTag(http, b.tokens.admin(), "jvm.info", "version"), heapMax,
                    fmt(b.registry.metric(http, b.tokens.admin(), "system.cpu.count", null)), b.registry.base()));
        } catch (IOException e) {
            lines.add("registry JVM: ? (" + e.getMessage() + ")");
        }
        return lines;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .findFirst().orElse("?");
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "?" : String.valueOf((long) v);
    }
}
