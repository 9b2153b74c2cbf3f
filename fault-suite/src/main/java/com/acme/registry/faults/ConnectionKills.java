package com.acme.registry.faults;

import com.acme.registry.bench.registry.Database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 2: the registry's database connections are terminated under load ({@code pg_terminate_backend} of every
 * backend of its database); every third round the database also refuses new connections for a few seconds
 * ({@code ALTER DATABASE … ALLOW_CONNECTIONS false}). Writers, token readers and an HTTP Basic reader run throughout:
 * the only answers allowed are successes and 503 with Retry-After; afterwards nothing is half-applied (the invariants of
 * scenario 1). Recovery: from the end of a fault to the next acknowledged write and the next successful read.
 */
public final class ConnectionKills {

    private static final int OUTAGE_SECONDS = 4;

    private ConnectionKills() {
    }

    public static ScenarioResult run(Settings settings) throws Exception {
        ScenarioResult result = new ScenarioResult("database connections killed under load");
        Size size = settings.size();
        String name = "faults_" + settings.runId() + "_conn";
        try (RegistryProcess registry = RegistryProcess.startFresh(settings, name)) {
            Database server = settings.database().server();
            Session session = Session.issue(registry, settings.runId());
            Answers answers = new Answers(false);
            Workload load = new Workload(registry::base, session.writer(), session.reader(), "conn", answers);
            load.setUp(4);
            load.start(size.writers(), 2, true);
            List<Double> writeRecovery = new ArrayList<>();
            List<Double> readRecovery = new ArrayList<>();
            int terminated = 0;
            int outages = 0;
            try {
                for (int round = 0; round < size.connectionRounds(); round++) {
                    Thread.sleep(2_000);
                    boolean outage = round % 3 == 2;
                    if (outage) {
                        Pg.execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                        outages++;
                        long until = System.nanoTime() + Duration.ofSeconds(OUTAGE_SECONDS).toNanos();
                        while (System.nanoTime() < until) {
                            terminated += terminate(server, name);
                            Thread.sleep(500);
                        }
                        Pg.execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
                    } else {
                        terminated += terminate(server, name);
                    }
                    long faultEnd = System.nanoTime();
                    writeRecovery.add(load.secondsToFirstSuccessAfter(faultEnd, true, 60));
                    readRecovery.add(load.secondsToFirstSuccessAfter(faultEnd, false, 60));
                }
            } finally {
                Pg.execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
            Thread.sleep(2_000);
            load.stop(60);
            result.ran(String.format("%d rounds (%d with %d s refusing connections), %d backends terminated, "
                            + "%d writers, 3 readers, %d acknowledged writes", size.connectionRounds(), outages,
                    OUTAGE_SECONDS, terminated, size.writers(), load.acknowledged()));
            Check answered = answers.check("only 2xx or 503 with Retry-After (writes, reads, sign-in)");
            result.add(answered.held() ? answered : Check.broken(answered.invariant(),
                    answered.detail() + RegistryProcess.unexpectedFailures(registry.log(), 3)));
            result.addAll(load.checks(registry));
            result.addAll(new Invariants(registry, session.admin()).all(Duration.ofSeconds(60)));
            result.figure("fault end → first acknowledged write (s)", Figures.spread(writeRecovery));
            result.figure("fault end → first successful read (s)", Figures.spread(readRecovery));
        }
        return result;
    }

    private static int terminate(Database server, String database) throws Exception {
        return (int) Pg.queryLong(server, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE datname = '" + database + "' AND pid <> pg_backend_pid()");
    }
}
