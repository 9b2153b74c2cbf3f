package com.acme.registry.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: {@code kill -9} of the registry while several clients write (versions with an Idempotency-Key, models,
 * archivals) and retry through the outage; restart on the same database after each kill. Then: every acknowledged write
 * present with its content, no duplicates, contiguous numbering, read models equal to the store, audit valid and
 * complete, health UP, and only honest answers (2xx, or 503 with Retry-After) whenever the registry answered.
 */
public final class KillUnderWrites {

    private KillUnderWrites() {
    }

    public static ScenarioResult run(Settings settings) throws Exception {
        ScenarioResult result = new ScenarioResult("kill -9 under concurrent writes");
        Size size = settings.size();
        try (RegistryProcess registry = RegistryProcess.startFresh(settings, "faults_" + settings.runId() + "_kill")) {
            Session session = Session.issue(registry, settings.runId());
            Answers answers = new Answers(true);
            Workload load = new Workload(registry::base, session.writer(), session.reader(), "kill", answers);
            load.setUp(4);
            load.start(size.writers(), 0, false);
            List<Double> restarts = new ArrayList<>();
            List<Double> recoveries = new ArrayList<>();
            int kills = 0;
            for (int k = 1; k <= size.kills(); k++) {
                Thread.sleep(size.secondsBetweenKills() * 1000L);
                long killedAt = System.nanoTime();
                registry.kill();
                kills++;
                Thread.sleep(300); // clients meet the closed port for a moment
                Duration ready;
                try {
                    ready = registry.start(true);
                } catch (RegistryProcess.StartFailed e) {
                    result.add(Check.broken("restart after kill " + k + " (demo on)", e.getMessage()));
                    ready = registry.start(false);
                }
                restarts.add(ready.toMillis() / 1000.0 + 0.3);
                double recovered = load.secondsToFirstSuccessAfter(killedAt, true, 90);
                recoveries.add(recovered);
                if (recovered < 0) {
                    result.add(Check.broken("a write succeeds after restart " + k, "none within 90 s of ready"));
                }
            }
            Thread.sleep(size.secondsBetweenKills() * 1000L);
            load.stop(120);
            result.ran(String.format("%d kills, %d writer threads, %d acknowledged writes",
                    kills, size.writers(), load.acknowledged()));
            result.add(answers.check("answers while the registry ran: only 2xx or 503 with Retry-After"));
            result.addAll(load.checks(registry));
            result.addAll(new Invariants(registry, session.admin()).all(Duration.ofSeconds(60)));
            result.figure("kill → ready (s)", Figures.spread(restarts));
            result.figure("kill → first acknowledged write (s)", Figures.spread(recoveries));
            result.figure("slowest acknowledged write incl. retries (s)",
                    String.format("%.1f", load.slowestWriteMillis() / 1000.0));
        }
        return result;
    }
}
