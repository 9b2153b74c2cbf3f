package com.acme.registry.bench;

import com.acme.registry.bench.figures.CatalogSearch;
import com.acme.registry.bench.figures.ExportVerify;
import com.acme.registry.bench.figures.MlflowRegistrations;
import com.acme.registry.bench.figures.ProjectionLag;
import com.acme.registry.bench.figures.Rebuild;
import com.acme.registry.bench.figures.Registrations;
import com.acme.registry.bench.figures.ServingLookups;
import com.acme.registry.bench.figures.Startup;
import com.acme.registry.bench.figures.StreamFanOut;
import com.acme.registry.bench.figures.Webhooks;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Database;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.seed.Evidence;
import com.acme.registry.bench.seed.Seeding;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code java -jar registry-benchmarks.jar --url … --db … --admin …}: measures figures (a)–(g) of issue 6, and when
 * named (m) of issue 15 and (n), (o) of issue 16.
 */
@Command(name = "registry-benchmarks", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures a running model registry and prints one table: every figure, its baseline and the "
                + "ratio figure ÷ baseline, with issue 6's targets. See docs/benchmarks.md.",
                "Figures: (a) registrations, (b) serving lookups, (c) catalog search, (d) projection lag, "
                        + "(e) read-model rebuild, (f) audit export and offline verify, (g) start-up; "
                        + "(m) MLflow registrations vs the native API, (n) webhook delivery latency, (o) event stream "
                        + "fan-out (each only when named, e.g. --only n)."})
public final class Benchmarks implements Callable<Integer> {

    public enum Scale {
        /** Development: a 10k-event store, 3 s per measurement. */
        SMALL(10_000, 10_000, 1, 3, 1),
        /** Issue 6: (a)–(d) over 2,000 models × 50 versions, (e)–(f) over 1,000,000 events, 30 s per measurement. */
        FULL(102_000, 1_020_000, 10, 30, 3);

        final long mainEvents;
        final long largeEvents;
        final int warmupSeconds;
        final int durationSeconds;
        final int startupRuns;

        Scale(long mainEvents, long largeEvents, int warmupSeconds, int durationSeconds, int startupRuns) {
            this.mainEvents = mainEvents;
            this.largeEvents = largeEvents;
            this.warmupSeconds = warmupSeconds;
            this.durationSeconds = durationSeconds;
            this.startupRuns = startupRuns;
        }
    }

    @Option(names = "--url", required = true, description = "The registry, e.g. http://localhost:8080")
    URI url;

    @Option(names = "--db", required = true, description = "The registry's database, e.g. jdbc:postgresql://localhost:5432/registry")
    String db;

    @Option(names = "--db-user", defaultValue = "postgres", description = "Database user (default ${DEFAULT-VALUE})")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "", description = "Database password (default empty)")
    String dbPassword;

    @Option(names = "--admin", required = true, paramLabel = "USER:PASSWORD",
            description = "An ADMIN of the registry; used once, to issue the run's API tokens")
    String admin;

    @Option(names = "--only", defaultValue = "abcdefg", paramLabel = "a,b,…", description = "Figures to measure (default a to g; m, n and o only when named)")
    String only;

    @Option(names = "--scale", defaultValue = "small", description = "small (10k events, 3 s each) or full "
            + "(2,000 × 50 for (a)–(d), 1M events for (e)–(f), 30 s each); default ${DEFAULT-VALUE}")
    String scale;

    @Option(names = "--growth", description = "Also measure (a)–(c) at every --growth-stages size (a growth table)")
    boolean growth;

    @Option(names = "--growth-stages", split = ",", defaultValue = "10000,100000,1000000",
            description = "Event-store sizes for --growth (default ${DEFAULT-VALUE})")
    List<Long> growthStages;

    @Option(names = "--seed", defaultValue = "bulk", description = "How to grow the store: bulk, http or none "
            + "(default ${DEFAULT-VALUE})")
    String seed;

    @Option(names = "--seed-clients", defaultValue = "16", description = "Concurrent clients of --seed http")
    int seedClients;

    @Option(names = "--clients", defaultValue = "8", description = "(a) concurrent registration clients")
    int clients;

    @Option(names = "--serving-rate", defaultValue = "2000", description = "(b) offered lookups per second")
    double servingRate;

    @Option(names = "--serving-workers", defaultValue = "32", description = "(b) connections of the open loop")
    int servingWorkers;

    @Option(names = "--saturation-clients", defaultValue = "16", description = "(b) clients of the closed loop")
    int saturationClients;

    @Option(names = "--serving-models", defaultValue = "10", description = "(b) models with champion and canary")
    int servingModels;

    @Option(names = "--catalog-rate", defaultValue = "50", description = "(c) offered searches per second")
    double catalogRate;

    @Option(names = "--lag-rate", defaultValue = "300", description = "(d) offered registrations per second")
    double lagRate;

    @Option(names = "--lag-workers", defaultValue = "64", description = "(d) connections of the open loop")
    int lagWorkers;

    @Option(names = "--webhook-rate", defaultValue = "100", description = "(n) offered registrations per second")
    double webhookRate;

    @Option(names = "--webhook-subscriptions", defaultValue = "10", description = "(n) webhook subscriptions, each "
            + "receiving every event")
    int webhookSubscriptions;

    @Option(names = "--stream-rate", defaultValue = "20", description = "(o) offered registrations per second")
    double streamRate;

    @Option(names = "--stream-subscribers", defaultValue = "200", description = "(o) concurrent event streams")
    int streamSubscribers;

    @Option(names = "--jit-warmup", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run (a), (b), (c) and (m) once, unrecorded, before the first step, so that the first stage does "
                    + "not measure the registry's JIT still compiling (default: on; --no-jit-warmup to skip)")
    boolean jitWarmup;

    @Option(names = "--warmup", description = "Seconds of warm-up per measurement (default by scale)")
    Integer warmup;

    @Option(names = "--duration", description = "Seconds per measurement (default by scale)")
    Integer duration;

    @Option(names = "--startup-runs", description = "(g) start-ups to time (default by scale)")
    Integer startupRuns;

    @Option(names = "--registry-jar", defaultValue = "registry-app/target/model-registry.jar",
            description = "(g) the registry's runnable jar (default ${DEFAULT-VALUE})")
    Path registryJar;

    @Option(names = "--registry-java-opts", defaultValue = "", description = "(g) JVM options of the started registry")
    String registryJavaOpts;

    @Option(names = "--verifier-heap-mb", defaultValue = "256", description = "(f) -Xmx of the verifier's JVM")
    int verifierHeapMb;

    @Option(names = "--work-dir", description = "Where exports and logs go (default: a temporary directory)")
    Path workDir;

    @Option(names = "--label", defaultValue = "", description = "A title for the report, e.g. 'development run'")
    String label;

    @Option(names = "--out", description = "Also write the report (Markdown) to this file")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Benchmarks()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Scale chosen = Scale.valueOf(scale.toUpperCase(Locale.ROOT));
        Seeding.Mode seeding = Seeding.Mode.valueOf(seed.toUpperCase(Locale.ROOT));
        String figures = Plan.figures(only);
        Plan plan = Plan.of(figures, chosen.mainEvents, chosen.largeEvents, growth, growthStages);
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("registry-bench");
        String runId = Long.toString(System.currentTimeMillis() / 1000 % 100_000_000, 36);
        Registry registry = new Registry(url, Evidence.axonObjectMapper());
        try (HttpConnection http = registry.connect()) {
            if (!registry.ready(http)) {
                System.err.println("registry-benchmarks: no registry ready at " + url
                        + " (GET /actuator/health/readiness); start one, e.g. bin/registry --demo");
                return 2;
            }
        }
        Database database = new Database(db, dbUser, dbPassword);
        Bench.Settings settings = new Bench.Settings(
                Duration.ofSeconds(warmup != null ? warmup : chosen.warmupSeconds),
                Duration.ofSeconds(duration != null ? duration : chosen.durationSeconds), clients, servingRate,
                servingWorkers, saturationClients, catalogRate, lagRate, lagWorkers, servingModels,
                startupRuns != null ? startupRuns : chosen.startupRuns, registryJar, registryJavaOpts, verifierHeapMb,
                webhookRate, webhookSubscriptions, streamRate, streamSubscribers);
        Bench b = new Bench(registry, database, registry.issueTokens(admin, runId), admin, runId, settings, dir, System.err);
        List<String> machine = MachineInfo.describe(b);
        Instant started = Instant.now();
        b.log("run %s: scale %s, figures %s%s, %d s + %d s warm-up per measurement; plan %s", runId,
                chosen.name().toLowerCase(Locale.ROOT), figures, growth ? " + growth " + growthStages : "",
                settings.duration().toSeconds(), settings.warmup().toSeconds(), plan.steps());
        b.log("setting up %d serving models (register, promote, approve, roll out)…", servingModels);
        b.servingModels();
        if (jitWarmup) {
            warmUpJit(b, figures);
        }

        for (Plan.Step step : plan.steps()) {
            Seeding.grow(b, step.targetEvents(), seeding, seedClients);
            b.registry.awaitProjections(b.tokens.admin(), Duration.ofMinutes(30));
            long events = b.db.events();
            b.log("step %d: %,d events in the store (target %,d); figures %s%s", step.index(), events,
                    step.targetEvents(), step.mainFigures(),
                    step.growthFigures().isEmpty() ? "" : ", growth " + step.growthFigures());
            if (!step.growthFigures().isEmpty()) {
                b.table.note(String.format("growth stage %,d events: %,d events in the store when measured",
                        step.targetEvents(), events));
            }
            for (char f : Plan.ORDER.toCharArray()) {
                Bench.Stage stage = step.stage(f);
                if (stage == null) {
                    continue;
                }
                try {
                    switch (f) {
                        case 'a' -> Registrations.run(b, stage, events);
                        case 'b' -> ServingLookups.run(b, stage, events);
                        case 'c' -> CatalogSearch.run(b, stage, events);
                        case 'd' -> ProjectionLag.run(b, stage, events);
                        case 'e' -> Rebuild.run(b, stage, events);
                        case 'f' -> ExportVerify.run(b, stage, events);
                        case 'm' -> MlflowRegistrations.run(b, stage, events);
                        case 'n' -> Webhooks.run(b, stage, events);
                        case 'o' -> StreamFanOut.run(b, stage, events);
                        default -> throw new IllegalStateException("figure " + f);
                    }
                } catch (Exception e) {
                    b.log("(%s) FAILED: %s", f, e);
                    b.table.add(String.valueOf(f), "FAILED: " + e.getMessage(), Double.NaN, "", null, null);
                }
                b.registry.awaitProjections(b.tokens.admin(), Duration.ofMinutes(30));
            }
        }
        if (plan.startup()) {
            try {
                Startup.run(b);
            } catch (Exception e) {
                b.log("(g) FAILED: %s", e);
                b.table.add("g", "FAILED: " + e.getMessage(), Double.NaN, "", null, null);
            }
        }

        StringBuilder report = new StringBuilder();
        report.append("## ").append(label.isBlank() ? "Benchmark run" : label).append(" — ")
                .append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
        machine.forEach(line -> report.append("- ").append(line).append('\n'));
        report.append(String.format(Locale.ROOT, "- run: scale %s, figures %s, %d s per measurement after %d s "
                        + "warm-up%s, seeding %s; took %d min; load average at the end %s%n%n",
                chosen.name().toLowerCase(Locale.ROOT), figures, settings.duration().toSeconds(),
                settings.warmup().toSeconds(), jitWarmup ? " (and one unrecorded JIT warm-up pass of the chosen of (a)–(c) and (m) first)" : "",
                seeding.name().toLowerCase(Locale.ROOT),
                Duration.between(started, Instant.now()).toMinutes(), MachineInfo.loadAverage()));
        report.append(b.table.render());
        if (!b.growth.isEmpty()) {
            report.append("\nGrowth of (a)–(c) with the event store:\n\n").append(b.growth.render());
        }
        System.out.println(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        return 0;
    }

    /** Stage index of the unrecorded warm-up pass; its models are named apart from the steps' (0, 1, 2…). */
    private static final int JIT_WARM_UP_STAGE = 99;

    /**
     * One unrecorded pass of (a)–(c), each its warm-up plus its duration: on 2 CPUs the registry's C2 compiler was
     * still busy for minutes after start-up (39 % of all CPU samples in a profile of a small run), and a growth table
     * whose first stage ran on that cold registry showed the registry faster at 1M events than at 10k.
     */
    private static void warmUpJit(Bench b, String figures) throws Exception {
        Bench.Stage unrecorded = new Bench.Stage(JIT_WARM_UP_STAGE, 0, false, false);
        b.log("JIT warm-up: (a), (b), (c) and (m), those of them chosen, once each, unrecorded…");
        long events = b.db.events();
        if (figures.indexOf('a') >= 0) {
            Registrations.run(b, unrecorded, events);
        }
        if (figures.indexOf('b') >= 0) {
            ServingLookups.run(b, unrecorded, events);
        }
        if (figures.indexOf('c') >= 0) {
            CatalogSearch.run(b, unrecorded, events);
        }
        if (figures.indexOf('m') >= 0) {
            MlflowRegistrations.run(b, unrecorded, events);
        }
        b.registry.awaitProjections(b.tokens.admin(), Duration.ofMinutes(30));
    }
}
