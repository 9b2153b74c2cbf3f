package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Database;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real registry jar as a child process ({@code java -jar model-registry.jar}) on a free port, a database of its
 * own (created here, dropped by {@link #close()}) and an audit key file in the work directory; demo users unless
 * told otherwise. {@link #kill()} is a {@code kill -9}; {@link #start} may be called again after it, on the same
 * database and port.
 */
public final class RegistryProcess implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofSeconds(120);

    private final Settings settings;
    private final String name;
    private final Database database;
    private final int port;
    private final Path keyFile;
    private Process process;
    private int starts;

    private RegistryProcess(Settings settings, String name) throws IOException {
        this.settings = settings;
        this.name = name;
        this.database = settings.database().withName(name);
        this.port = freePort();
        this.keyFile = settings.workDir().resolve(name + "-audit-key.pem");
    }

    /** Creates a fresh database {@code name} (dropping a leftover of that name) and starts the registry on it. */
    public static RegistryProcess startFresh(Settings settings, String name) throws Exception {
        Database server = settings.database().server();
        Pg.execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        Pg.execute(server, "CREATE DATABASE " + name);
        RegistryProcess registry = new RegistryProcess(settings, name);
        try {
            registry.start(true);
        } catch (Exception e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return settings.workDir().resolve(name + "-" + starts + ".log");
    }

    /**
     * Starts the jar and waits until readiness answers UP; returns how long that took.
     *
     * @throws StartFailed when the process exits or does not become ready (with the tail of its log)
     */
    public Duration start(boolean demo) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(demo);
            } catch (StartFailed e) {
                if (attempt >= 6 || !Pg.tooManyClients(Files.readString(log()))) {
                    throw e;
                }
                System.out.printf("[fault-suite] PostgreSQL has too many clients (shared server); start again in 10 s%n");
                Thread.sleep(10_000);
            }
        }
    }

    private Duration startOnce(boolean demo) throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(settings.registryJavaOpts());
        command.add("-jar");
        command.add(settings.registryJar().toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile());
        Map<String, String> env = builder.environment();
        env.put("REGISTRY_DB_URL", database.url());
        env.put("REGISTRY_DB_USER", database.user());
        env.put("REGISTRY_DB_PASSWORD", database.password());
        env.put("REGISTRY_PORT", String.valueOf(port));
        env.put("REGISTRY_AUDIT_KEY_FILE", keyFile.toString());
        env.put("REGISTRY_DEMO", String.valueOf(demo));
        // its reviewer and admin are people on HTTP Basic, checked after every fuzz case: the suite tests faults,
        // not the cost of password hashing
        env.put("REGISTRY_BCRYPT_STRENGTH", "4");
        long begin = System.nanoTime();
        process = builder.start();
        try (HttpConnection http = new HttpConnection(base())) {
            while (System.nanoTime() - begin < READY_LIMIT.toNanos()) {
                if (!process.isAlive()) {
                    throw new StartFailed("the registry exited with " + process.exitValue() + " during start-up "
                            + "(demo " + demo + "); log " + log() + ":\n" + tail(log(), 6));
                }
                if (ready(http)) {
                    return Duration.ofNanos(System.nanoTime() - begin);
                }
                Thread.sleep(50);
            }
        }
        kill();
        throw new StartFailed("the registry was not ready after " + READY_LIMIT.toSeconds() + " s; log " + log()
                + ":\n" + tail(log(), 6));
    }

    /** {@code kill -9}: the JVM gets no chance to finish anything. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly(); // SIGKILL on Unix
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    private static boolean ready(HttpConnection http) {
        try {
            HttpConnection.Response r = http.get("/actuator/health/readiness", Map.of());
            return r.status() == 200 && r.text().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the registry and drops its database (unless the suite is told to keep it). */
    @Override
    public void close() throws Exception {
        kill();
        if (!settings.keepDatabases()) {
            Pg.execute(settings.database().server(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** The first errors of a log (an exception's cause names what went wrong), else its last lines. */
    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> errors = all.stream().filter(l -> l.contains(" ERROR ") || l.startsWith("Caused by")
                    || l.contains("Exception:")).limit(lines).toList();
            List<String> shown = errors.isEmpty() ? all.subList(Math.max(0, all.size() - lines), all.size()) : errors;
            return shown.stream().map(l -> "    " + (l.length() > 300 ? l.substring(0, 300) + "…" : l))
                    .reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
        } catch (IOException e) {
            return "    (no log: " + e.getMessage() + ")";
        }
    }

    /**
     * The stack traces the registry logged for requests it answered 500 ("Unexpected failure"), the first
     * {@code traces} of them, each with its exception lines and causes: what a broken "only 2xx or 503" needs.
     */
    static String unexpectedFailures(Path file, int traces) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            int found = 0;
            for (int i = 0; i < all.size() && found < traces; i++) {
                if (!all.get(i).contains("Unexpected failure")) {
                    continue;
                }
                found++;
                out.append("\n    ").append(cut(all.get(i)));
                for (int j = i + 1; j < all.size() && j < i + 400; j++) {
                    String line = all.get(j);
                    if (!line.startsWith("\t") && !line.startsWith("Caused by") && !line.contains("Exception")) {
                        break;
                    }
                    if (!line.startsWith("\tat ") || line.contains("com.acme.registry")) {
                        out.append("\n    ").append(cut(line));
                    }
                }
            }
            return found == 0 ? "" : "\n  registry log (" + file.getFileName() + "):" + out;
        } catch (IOException e) {
            return "";
        }
    }

    private static String cut(String line) {
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The registry did not start. */
    public static final class StartFailed extends IOException {
        public StartFailed(String message) {
            super(message);
        }
    }
}
