package com.acme.registry.bench;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Database;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.GrowthTable;
import com.acme.registry.bench.report.ResultTable;
import com.acme.registry.bench.seed.Evidence;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one run shares: where the registry is, its tokens, the settings, and the tables being filled. */
public final class Bench {

    /** Settings of a run; durations per measured load, rates as in issue 6. */
    public record Settings(Duration warmup, Duration duration, int clients, double servingRate, int servingWorkers,
                           int saturationClients, double catalogRate, double lagRate, int lagWorkers,
                           int servingModels, int startupRuns, Path registryJar, String registryJavaOpts,
                           int verifierHeapMb, double webhookRate, int webhookSubscriptions, double streamRate,
                           int streamSubscribers) {
    }

    /**
     * How one figure is measured at one step of the run: the store grown to {@code targetEvents}; {@code main} puts
     * the figure (with its baseline) in the main table, {@code growth} in the growth table.
     */
    public record Stage(int index, long targetEvents, boolean main, boolean growth) {
    }

    public final Registry registry;
    public final Database db;
    public final Registry.Tokens tokens;
    /** USER:PASSWORD of an ADMIN (HTTP Basic: bcrypt per request, so never in a measured loop). */
    public final String admin;
    public final String runId;
    public final Settings settings;
    public final Path workDir;
    public final ResultTable table = new ResultTable();
    public final GrowthTable growth = new GrowthTable();
    private final PrintStream log;
    private List<String> servingModels;

    public Bench(Registry registry, Database db, Registry.Tokens tokens, String admin, String runId, Settings settings,
                 Path workDir, PrintStream log) {
        this.registry = registry;
        this.db = db;
        this.tokens = tokens;
        this.admin = admin;
        this.runId = runId;
        this.settings = settings;
        this.workDir = workDir;
        this.log = log;
    }

    public void log(String format, Object... args) {
        log.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        log.flush();
    }

    /** The actor the registry records for the writer token. */
    public String writerActor() {
        return "token:bench-" + runId + "-writer";
    }

    /** The person the writer token acts for (event metadata {@code actingFor}). */
    public String writerOwner() {
        return Registry.TOKEN_OWNER;
    }

    public Map<String, String> writerHeaders(String idempotencyKey) {
        return Map.of("Authorization", "Bearer " + tokens.writer(), "Content-Type", "application/json",
                "Idempotency-Key", idempotencyKey);
    }

    /** Registers a model over HTTP as the writer token, with seed-like attributes for index {@code i}. */
    public void registerModel(HttpConnection http, String name, int i) throws IOException {
        registry.post(http, "/api/v1/models", tokens.writer(), Evidence.modelRegistration(name, Evidence.model(i)), 201);
    }

    /**
     * Models whose production environment has a champion (v1, 90%) and a canary (v2, 10%), set up once per run over
     * HTTP through the whole governance flow (LOW risk tier: one risk-reviewer approval).
     */
    public synchronized List<String> servingModels() throws IOException {
        if (servingModels != null) {
            return servingModels;
        }
        List<String> names = new ArrayList<>();
        try (HttpConnection http = registry.connect()) {
            for (int k = 0; k < settings.servingModels(); k++) {
                String m = "bench-serving-" + runId + "-" + k;
                var description = Evidence.modelRegistration(m, Evidence.model(7)); // index 7: risk tier LOW
                registry.post(http, "/api/v1/models", tokens.writer(), description, 201);
                String base = "/api/v1/models/" + m;
                for (int v = 1; v <= 2; v++) {
                    registry.post(http, base + "/versions", tokens.writer(), Evidence.version(m, v, v == 1 ? null : 1), 201);
                }
                for (int v = 1; v <= 2; v++) {
                    int request = registry.post(http, base + "/promotions", tokens.writer(), Map.of("version", v,
                            "environment", "production", "justification", "benchmark: serving lookups",
                            "validationReportUri", "https://validation.internal/reports/" + m + "/" + v), 201)
                            .path("requestNumber").asInt();
                    registry.post(http, base + "/promotions/" + request + "/approvals", tokens.reviewer(),
                            Map.of("comment", "benchmark approval"), 200);
                    registry.post(http, base + "/environments/production/rollout", tokens.writer(),
                            Map.of("version", v, "trafficPercent", v == 1 ? 100 : 10), 201);
                    if (v == 1) {
                        registry.post(http, base + "/environments/production/rollout/completion", tokens.writer(), null,
                                200);
                    }
                }
                names.add(m);
            }
        }
        servingModels = List.copyOf(names);
        return servingModels;
    }
}
