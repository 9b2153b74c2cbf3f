package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Database;
import com.acme.registry.bench.report.Target;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * (g) Start-up time to ready: the registry jar started as a child process ({@code java [opts] -jar model-registry.jar})
 * against a fresh, empty database of its own (created and dropped by the harness; Flyway migrates it) on a free port,
 * timed from process start until GET /actuator/health/readiness answers UP (polled every 20 ms). Repeated
 * {@code --startup-runs} times; the median is the figure.
 */
public final class Startup {

    private static final Pattern STARTED = Pattern.compile("Started RegistryApplication in ([0-9.]+) seconds");

    private Startup() {
    }

    public static void run(Bench b) throws Exception {
        Path jar = b.settings.registryJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no registry jar at " + jar.toAbsolutePath() + " (mvn package, or --registry-jar)");
        }
        List<Double> seconds = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        for (int run = 0; run < b.settings.startupRuns(); run++) {
            String name = "bench_startup_" + b.runId + "_" + run;
            Database server = b.db.server();
            server.execute("DROP DATABASE IF EXISTS " + name);
            server.execute("CREATE DATABASE " + name);
            int port = freePort();
            Path log = b.workDir.resolve("startup-" + b.runId + "-" + run + ".log");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            if (!b.settings.registryJavaOpts().isBlank()) {
                command.addAll(Arrays.asList(b.settings.registryJavaOpts().trim().split("\\s+")));
            }
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("REGISTRY_DB_URL", b.db.withName(name).url());
            builder.environment().put("REGISTRY_DB_USER", b.db.user());
            builder.environment().put("REGISTRY_DB_PASSWORD", b.db.password());
            builder.environment().put("REGISTRY_PORT", String.valueOf(port));
            builder.environment().put("REGISTRY_AUDIT_KEY_FILE", b.workDir.resolve("startup-key-" + b.runId + ".pem").toString());
            builder.environment().remove("REGISTRY_DEMO");
            b.log("(g) starting %s on port %d against the empty database %s…", jar.getFileName(), port, name);
            long start = System.nanoTime();
            Process process = builder.start();
            try (HttpConnection http = new HttpConnection(URI.create("http://127.0.0.1:" + port))) {
                double took = -1;
                while (process.isAlive() && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5)) {
                    if (b.registry.ready(http)) {
                        took = (System.nanoTime() - start) / 1e9;
                        break;
                    }
                    Thread.sleep(20);
                }
                if (took < 0) {
                    throw new IOException("the registry did not become ready; see " + log);
                }
                seconds.add(took);
                Matcher m = STARTED.matcher(Files.readString(log));
                reported.add(m.find() ? m.group(1) + " s" : "?");
                b.log("(g) ready after %.2f s (Spring reports %s)", took, reported.get(reported.size() - 1));
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
                server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
        List<Double> sorted = seconds.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        b.table.add("g", "start-up to ready, fresh database (median of " + sorted.size() + ")", median, "s", null,
                Target.atMost(10));
        b.table.note(String.format("(g) start-up to readiness UP: %s s; Spring Boot's own 'Started … in': %s; "
                        + "JVM options: %s", sorted.stream().map(s -> String.format("%.2f", s)).toList(), reported,
                b.settings.registryJavaOpts().isBlank() ? "none" : b.settings.registryJavaOpts()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
