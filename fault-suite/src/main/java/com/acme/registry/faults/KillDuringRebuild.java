package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.seed.BulkSeeder;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Scenario 3: the event store is grown in bulk (seed models of 50 versions, through Axon's own JDBC storage engine),
 * the registry catches up, an ADMIN starts a rebuild of the read models, and the registry is killed with -9 while the
 * rebuild replays. Restarted (demo on, as before), it must catch up by itself: read models equal to the store, audit
 * complete and valid, health UP.
 */
public final class KillDuringRebuild {

    private static final int VERSIONS = 50;
    private static final int MODELS_PER_TRANSACTION = 20;

    private KillDuringRebuild() {
    }

    public static ScenarioResult run(Settings settings) throws Exception {
        ScenarioResult result = new ScenarioResult("kill -9 during a rebuild");
        int models = Math.max(1, settings.size().rebuildEvents() / (VERSIONS + 1));
        try (RegistryProcess registry = RegistryProcess.startFresh(settings, "faults_" + settings.runId() + "_rebuild")) {
            Session session = Session.issue(registry, settings.runId());
            long seedStart = System.nanoTime();
            try (Connection c = Pg.connect(registry.database())) {
                BulkSeeder seeder = new BulkSeeder(c, "faults-seeder", null);
                for (int done = 0; done < models; done += MODELS_PER_TRANSACTION) {
                    seeder.append(done, Math.min(MODELS_PER_TRANSACTION, models - done), VERSIONS);
                }
            }
            Invariants invariants = new Invariants(registry, session.admin());
            Check seeded = invariants.caughtUp(Duration.ofMinutes(10));
            result.figure("seed + first projection (s)", String.format("%.1f", (System.nanoTime() - seedStart) / 1e9));
            if (!seeded.held()) {
                result.add(Check.broken("projections catch up with the seeded store", seeded.detail()));
            }
            long events = Pg.queryLong(registry.database(), "SELECT count(*) FROM domain_event_entry");

            List<Boolean> stages = settings.size().rebuildKills() >= 2 ? List.of(true, false) : List.of(true);
            for (boolean early : stages) {
                killDuringRebuild(result, registry, session, invariants, early);
            }
            result.ran(String.format("%,d events (%,d seeded models × %d versions), %s", events, models, VERSIONS,
                    stages.size() == 1 ? "one kill as the replay starts" : "a kill as the replay starts, one mid-way"));
        }
        return result;
    }

    /**
     * One round: an ADMIN starts a rebuild, the registry is killed {@code early} (as soon as the replay is seen: the
     * read models hold almost nothing, the window in which a demo start re-sends its commands) or mid-way; restarted
     * with demo on, it must catch up and hold every invariant.
     */
    private static void killDuringRebuild(ScenarioResult result, RegistryProcess registry, Session session,
                                          Invariants invariants, boolean early) throws Exception {
        String when = early ? " (as the replay starts)" : " (mid-way)";
        CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() -> {
            try (Api api = Api.bearer(registry.base(), session.admin())) {
                return api.post("/api/v1/admin/read-models/rebuild", null).status();
            } catch (Exception e) {
                return -1; // killed under it: expected
            }
        });
        String killedAt = waitForReplay(registry, session.admin(), rebuild, early);
        long killed = System.nanoTime();
        registry.kill();
        result.add(Check.of("the kill landed during the rebuild" + when, killedAt != null,
                killedAt != null ? "read-models " + killedAt : "the rebuild ended (HTTP " + rebuild.getNow(0)
                        + ") before a replay was seen; seed more events"));
        Duration ready;
        try {
            ready = registry.start(true);
            result.add(Check.held("restart with demo on after the kill" + when, "ready after "
                    + ready.toMillis() / 1000.0 + " s"));
        } catch (RegistryProcess.StartFailed e) {
            result.add(Check.broken("restart with demo on after the kill" + when, e.getMessage()));
            ready = registry.start(false);
        }
        for (Check c : invariants.all(Duration.ofMinutes(10))) {
            result.add(new Check(c.invariant() + when, c.held(), c.detail()));
        }
        result.figure("kill → ready (s)" + when, String.format("%.1f", ready.toMillis() / 1000.0));
        result.figure("kill → caught up and checked (s)" + when,
                String.format("%.1f", (System.nanoTime() - killed) / 1e9));
    }

    /**
     * Polls until the read-models group is seen behind the head ({@code early}) or between its start and the head
     * (mid-way), or the rebuild request has been
     * running for a second (a rebuild beside the live tables may leave the live group at the head); what was seen
     * then, or null when the rebuild ended first.
     */
    private static String waitForReplay(RegistryProcess registry, String admin, CompletableFuture<Integer> rebuild,
                                        boolean early) throws Exception {
        Registry client = new Registry(registry.base(), Api.JSON);
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        try (HttpConnection http = new HttpConnection(registry.base())) {
            while (System.nanoTime() < deadline && !rebuild.isDone()) {
                try {
                    Registry.Freshness f = client.freshness(http, admin, Registry.REBUILT_GROUPS);
                    if (early ? f.maxLag() > 0 : f.maxLag() > 0 && f.maxLag() < f.head()) {
                        return f.detail() + " of head " + f.head();
                    }
                    if (System.nanoTime() - start > 1_000_000_000L && !rebuild.isDone()) {
                        return f.detail() + " of head " + f.head() + ", the rebuild request running for 1 s";
                    }
                } catch (java.io.IOException e) {
                    // a busy registry may answer slowly; try again
                }
                Thread.sleep(20);
            }
        }
        return null;
    }
}
