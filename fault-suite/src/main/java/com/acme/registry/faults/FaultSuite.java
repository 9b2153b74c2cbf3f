package com.acme.registry.faults;

import com.acme.registry.bench.registry.Database;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar fault-suite/target/registry-fault-suite.jar [--full] [options]}: starts the registry jar as a child
 * process and runs the fault scenarios against it (docs/reliability.md); prints a summary and exits 1 when an
 * invariant broke.
 */
public final class FaultSuite {

    public static final List<String> SCENARIOS = List.of("kill", "connections", "rebuild", "fuzz");

    private static final String USAGE = """
            usage: java -jar registry-fault-suite.jar [--full] [--scenarios kill,connections,rebuild,fuzz]
                   [--registry-jar registry-app/target/model-registry.jar]
                   [--db jdbc:postgresql://localhost:5432/postgres] [--db-user postgres] [--db-password '']
                   [--work-dir a new temp dir] [--registry-java-opts '-Xmx512m -XX:TieredStopAtLevel=1'] [--keep-databases]
            """;

    private FaultSuite() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        List<ScenarioResult> results = run(settings, System.out);
        System.exit(results.stream().allMatch(ScenarioResult::held) ? 0 : 1);
    }

    /** Runs the chosen scenarios one after the other, each on its own fresh database; prints progress and summary. */
    public static List<ScenarioResult> run(Settings settings, PrintStream out) throws Exception {
        Files.createDirectories(settings.workDir());
        if (!Files.isRegularFile(settings.registryJar())) {
            throw new IllegalStateException("no registry jar at " + settings.registryJar().toAbsolutePath()
                    + " (mvn -B -pl registry-app -am package -DskipTests)");
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String scenario : SCENARIOS) {
            if (!settings.scenarios().contains(scenario)) {
                continue;
            }
            out.printf("[fault-suite] %s: %s…%n", settings.size().name(), scenario);
            long start = System.nanoTime();
            ScenarioResult result;
            try {
                result = switch (scenario) {
                    case "kill" -> KillUnderWrites.run(settings);
                    case "connections" -> ConnectionKills.run(settings);
                    case "rebuild" -> KillDuringRebuild.run(settings);
                    default -> Fuzzer.run(settings, out);
                };
            } catch (Exception e) {
                result = new ScenarioResult(scenario);
                result.ran("did not finish");
                result.add(Check.broken("the scenario runs to its end", e.toString()));
            }
            result.took((System.nanoTime() - start) / 1_000_000);
            out.printf("[fault-suite] %s: %s in %.0f s%n", scenario, result.held() ? "held" : "BROKEN",
                    result.millis() / 1000.0);
            results.add(result);
        }
        out.print(Summary.of(settings, results));
        return results;
    }

    static Settings parse(String[] args) {
        Size size = Size.SHORT;
        Path jar = Path.of("registry-app/target/model-registry.jar");
        String db = "jdbc:postgresql://localhost:5432/postgres";
        String user = "postgres";
        String password = "";
        Path workDir = null;
        String javaOpts = "-Xmx512m -XX:TieredStopAtLevel=1";
        boolean keep = false;
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--full" -> size = Size.FULL;
                case "--short" -> size = Size.SHORT;
                case "--keep-databases" -> keep = true;
                case "--registry-jar" -> jar = Path.of(value(args, ++i, a));
                case "--db" -> db = value(args, ++i, a);
                case "--db-user" -> user = value(args, ++i, a);
                case "--db-password" -> password = value(args, ++i, a);
                case "--work-dir" -> workDir = Path.of(value(args, ++i, a));
                case "--registry-java-opts" -> javaOpts = value(args, ++i, a);
                case "--scenarios" -> {
                    scenarios = new LinkedHashSet<>(Arrays.asList(value(args, ++i, a).split(",")));
                    if (!SCENARIOS.containsAll(scenarios)) {
                        throw new IllegalArgumentException("unknown scenario in " + scenarios + "; known: " + SCENARIOS);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss"));
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("registry-fault-suite-");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Settings(jar, new Database(db, user, password), workDir.toAbsolutePath(),
                javaOpts.isBlank() ? List.of() : Arrays.asList(javaOpts.trim().split("\\s+")), keep, size, runId,
                scenarios);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** The settings of the short run the build's test uses, from system properties set by the module's pom. */
    public static Settings shortRun(Map<String, String> overrides) {
        List<String> args = new ArrayList<>();
        args.add("--short");
        overrides.forEach((k, v) -> {
            args.add(k);
            if (v != null) {
                args.add(v);
            }
        });
        return parse(args.toArray(String[]::new));
    }
}
