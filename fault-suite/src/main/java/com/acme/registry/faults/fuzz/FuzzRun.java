package com.acme.registry.faults.fuzz;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.faults.Api;
import com.acme.registry.faults.Check;
import com.acme.registry.faults.Invariants;
import com.acme.registry.faults.RegistryProcess;
import com.acme.registry.faults.ScenarioResult;
import com.acme.registry.faults.Settings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scenario 4: single-threaded, so that each refused request can be checked exactly: the state (event store head,
 * accounts, tokens) is read before and after every request. First a NUL in every string and map key of every write
 * endpoint, then random mutations. A 2xx to a string mutation or to an invalid request is followed by a check that the
 * projections still keep up; a registry that stalled is recorded and replaced by a fresh one (a bounded number of
 * times, then the mutation classes that stalled it are skipped).
 */
public final class FuzzRun {

    static final String SERVER_ERROR = "5xx answer";
    static final String NO_ANSWER = "no HTTP answer";
    static final String REFUSED_BUT_CHANGED = "answered 4xx/5xx but an event or account changed";
    static final String ACCEPTED_INVALID = "invalid input accepted (2xx)";
    static final String NUL_ACCEPTED = "NUL accepted in a free-text field (2xx)";
    static final String NOT_PROBLEM = "4xx answer not problem+json";
    static final String STALLED = "registry stalled after an accepted request";

    private static final String STATE = "SELECT (SELECT count(*) FROM domain_event_entry)"
            + " || ',' || (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)"
            + " || ',' || (SELECT count(*) FROM app_user) || ',' || (SELECT count(*) FROM app_user WHERE enabled)"
            + " || ',' || (SELECT count(*) FROM app_user_role)"
            + " || ',' || (SELECT coalesce(sum(hashtext(password_hash)::bigint), 0) FROM app_user)"
            + " || ',' || (SELECT count(*) FROM api_token) || ',' || (SELECT count(*) FROM api_token WHERE revoked_at IS NOT NULL)";

    private final Settings settings;
    private final PrintStream out;
    private final Findings findings = new Findings();
    private final Map<String, Integer> stalledBy = new TreeMap<>();
    private final Set<String> skipped = new HashSet<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private int skippedCases;
    private int restarts;
    private int generation;
    private boolean sweeping;
    private boolean knownStalled;
    private RegistryProcess registry;
    private Fixture fixture;
    private Connection db;
    private final Map<String, Api> clients = new HashMap<>();

    public FuzzRun(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public ScenarioResult run() throws Exception {
        ScenarioResult result = new ScenarioResult("fuzzer over every write endpoint");
        List<Endpoint> endpoints = Bodies.endpoints();
        try {
            fresh();
            Mutator mutator = new Mutator(42, endpoints, fixture.variables());
            List<Case> sweep = mutator.nulSweep(1_000_000);
            int sent = 0;
            String before = state();
            sweeping = true;
            for (Case c : sweep) {
                before = send(c, before, true);
                sent++;
            }
            sweeping = false;
            if (knownStalled) {
                knownStalled = false;
                restarts++;
                fresh();
                before = state();
            }
            long fuzzStart = System.nanoTime();
            for (int n = 0; n < settings.size().fuzzRequests(); n++) {
                before = send(mutator.next(n), before, false);
                sent++;
                if (n % 500 == 499) {
                    out.printf("[fault-suite] fuzz: %d of %d (%.0f s)%n", n + 1, settings.size().fuzzRequests(),
                            (System.nanoTime() - fuzzStart) / 1e9);
                }
                if (n % 100 == 99 && stalled(null)) {
                    before = state();
                }
            }
            result.ran(String.format("%d NUL-sweep + %d mutated requests over %d write endpoints and %d read "
                            + "endpoints' parameters; %d registries (restarts after stalls: %d); %d cases skipped",
                    sweep.size(), settings.size().fuzzRequests(), endpoints.size(), Bodies.queries().size(),
                    generation, restarts, skippedCases));
            result.figure("answers", statuses.toString());
            result.add(findings.check(SERVER_ERROR, "0 × 5xx", 12));
            result.add(findings.check(NO_ANSWER, "every request answered", 5));
            result.add(findings.check(REFUSED_BUT_CHANGED, "no event or account change for a refused request", 10));
            result.add(findings.compact(NUL_ACCEPTED, "a NUL in each free-text field refused (sweep)"));
            result.add(findings.check(ACCEPTED_INVALID, "invalid input refused (strict JSON, storable text)", 12));
            result.add(findings.check(NOT_PROBLEM, "every 4xx is problem+json", 6));
            result.add(findings.check(STALLED, "no accepted request stalls the projections", 10));
            if (!skipped.isEmpty()) {
                result.figure("mutation classes skipped after stalls", skipped + " (" + skippedCases + " cases)");
            }
            result.addAll(new Invariants(registry, fixture.admin()).all(Duration.ofSeconds(60)));
            Path file = settings.workDir().resolve("fuzz-findings.md");
            Files.write(file, findings.lines());
            result.figure("findings file", file.toString());
        } finally {
            close();
        }
        return result;
    }

    /** Sends one case, classifies its answer; returns the state after it. */
    private String send(Case c, String before, boolean sweep) throws Exception {
        if (skipped.contains(c.kind())) {
            skippedCases++;
            return before;
        }
        HttpConnection.Response r = null;
        IOException failure = null;
        long start = System.nanoTime();
        try {
            Api api = client(c.endpoint() == null ? "admin" : c.endpoint().principal());
            r = api.raw(c.method(), c.path(), c.headers(), c.body());
        } catch (IOException e) {
            failure = e;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String after = state();
        String where = c.endpointLabel();
        if (r == null) {
            statuses.merge("no answer", 1, Integer::sum);
            if (!c.kind().startsWith("oversized") || !registry.alive()) {
                findings.add(NO_ANSWER, where + " · " + c.kind(), c, String.valueOf(failure));
            }
            if (!registry.alive()) {
                findings.add(SERVER_ERROR, where + " · " + c.kind() + " · registry process died", c,
                        "process exited; log " + registry.log());
                fresh();
                return state();
            }
            return after;
        }
        int s = r.status();
        statuses.merge(String.valueOf(s), 1, Integer::sum);
        String answer = Api.describe(r) + String.format(" (%.1f s)", seconds);
        if (s >= 500) {
            findings.add(SERVER_ERROR, c.kind() + " · " + where + " · " + s, c, answer);
        }
        boolean changed = !after.equals(before);
        if (s >= 400 && changed) {
            findings.add(REFUSED_BUT_CHANGED, c.kind() + " · " + where + " · " + s, c, answer + "; state " + before
                    + " → " + after);
        }
        if (s >= 400 && s < 500) {
            String type = r.header("Content-Type");
            if (type == null || !type.contains("application/problem+json")) {
                findings.add(NOT_PROBLEM, c.kind() + " · " + s + " " + type, c, answer);
            }
        }
        boolean accepted = s / 100 == 2 || changed;
        if (accepted && c.mustRefuse()) {
            if (sweep) {
                findings.add(NUL_ACCEPTED, where + " · " + c.field(), c, answer);
            } else {
                findings.add(ACCEPTED_INVALID, c.kind() + " · " + where, c, answer);
            }
        }
        if ((accepted && (c.mustRefuse() || c.stringy())) || seconds > 8) {
            if (stalled(c)) {
                return state();
            }
        }
        return after;
    }

    /**
     * Whether the projections failed to reach the head within a few seconds; if so the finding is recorded and a
     * fresh registry replaces the stalled one.
     */
    private boolean stalled(Case c) throws Exception {
        boolean throughStalls = sweeping && settings.size().sweepThroughStalls();
        if (throughStalls && knownStalled) {
            return false;
        }
        String detail = null;
        Registry client = new Registry(registry.base(), Api.JSON);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (HttpConnection http = new HttpConnection(registry.base())) {
            while (true) {
                try {
                    Registry.Freshness f = client.freshness(http, fixture.admin(), Registry.ALL_GROUPS);
                    if (f.caughtUp(true)) {
                        return false;
                    }
                    detail = String.format("lag %d (%s, head %d), audit %d of %d", f.maxLag(), f.detail(), f.head(),
                            f.eventsRecorded(), f.eventsStored());
                } catch (IOException e) {
                    detail = e.getMessage();
                }
                if (System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        String kind = c == null ? "(periodic check)" : c.kind();
        String error = firstError(registry.log());
        findings.add(STALLED, (c == null ? "periodic" : c.endpointLabel() + " · " + c.field()) + " · " + kind,
                c == null ? new Case(null, kind, "-", "GET", "/api/v1/admin/read-models", Map.of(), null, false) : c,
                detail + (error == null ? "" : "; log: " + error));
        stalledBy.merge(kind, 1, Integer::sum);
        out.printf("[fault-suite] fuzz: the registry stalled after %s; %s%n", kind, detail);
        if (throughStalls) {
            knownStalled = true; // the sweep goes on against it; a fresh registry follows the sweep
            return false;
        }
        if (restarts >= settings.size().stallRestarts()) {
            skipped.addAll(stalledBy.keySet());
        }
        restarts++;
        fresh();
        return true;
    }

    private void fresh() throws Exception {
        close();
        generation++;
        registry = RegistryProcess.startFresh(settings, "faults_" + settings.runId() + "_fuzz" + generation);
        fixture = Fixture.create(registry, settings.runId());
        db = com.acme.registry.faults.Pg.connect(registry.database());
    }

    private Api client(String principal) {
        return clients.computeIfAbsent(principal, p -> Api.bearer(registry.base(), fixture.token(p)));
    }

    private String state() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(STATE)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String firstError(Path log) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(" ERROR ") || l.contains("Caused by")).findFirst()
                    .map(l -> Findings.abbreviate(l.replaceAll("^.*?(ERROR|Caused by)", "$1"), 260)).orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private void close() throws Exception {
        clients.values().forEach(Api::close);
        clients.clear();
        if (db != null) {
            db.close();
            db = null;
        }
        if (registry != null) {
            registry.close();
        }
    }
}
