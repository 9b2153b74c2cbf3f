package com.acme.registry.faults;

import com.acme.registry.bench.registry.Database;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One run of the suite: which jar, which PostgreSQL server, where logs and key files go, how big.
 *
 * @param database   any database on the server; each scenario creates and drops one of its own beside it
 * @param scenarios  the scenarios to run (names of {@link FaultSuite#SCENARIOS}), all by default
 */
public record Settings(Path registryJar, Database database, Path workDir, List<String> registryJavaOpts,
                       boolean keepDatabases, Size size, String runId, Set<String> scenarios) {
}
