package com.acme.registry.faults;

/**
 * How much of each fault one run applies. {@link #SHORT} is the build's test (about three minutes on two cores when the
 * registry holds); {@link #FULL} is the figure (≥10 kills, ≥5,000 fuzzed bodies, a bigger rebuild).
 *
 * @param kills             kill -9 rounds under concurrent writes
 * @param writers           client threads writing during the kill and connection-kill scenarios
 * @param secondsBetweenKills seconds of writing before each kill (and after the last restart)
 * @param connectionRounds  rounds of pg_terminate_backend under load; every third also refuses new connections
 * @param rebuildEvents     events in the store (bulk-seeded) when the registry is killed during a rebuild
 * @param rebuildKills      1: killed as the replay starts; 2: then once more mid-way
 * @param fuzzRequests      mutated requests over every write endpoint, besides the NUL sweep
 * @param stallRestarts     how many times the fuzzer starts over on a fresh database after the registry stalled
 *                          before it skips the mutation classes that stalled it
 * @param sweepThroughStalls whether the NUL sweep goes on against a stalled registry (each accepted NUL then waits
 *                          out the registry's read-your-writes timeout) so that it names every field that takes a NUL
 */
public record Size(String name, int kills, int writers, int secondsBetweenKills, int connectionRounds,
                   int rebuildEvents, int rebuildKills, int fuzzRequests, int stallRestarts, boolean sweepThroughStalls) {

    public static final Size SHORT = new Size("short", 3, 3, 2, 3, 10_000, 1, 2_000, 0, false);
    public static final Size FULL = new Size("full", 10, 4, 5, 9, 200_000, 2, 5_000, 6, true);
}
