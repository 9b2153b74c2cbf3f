package com.acme.registry.faults;

import com.acme.registry.faults.fuzz.FuzzRun;

import java.io.PrintStream;

/** Scenario 4, the body fuzzer: see {@link FuzzRun}. */
final class Fuzzer {

    private Fuzzer() {
    }

    static ScenarioResult run(Settings settings, PrintStream out) throws Exception {
        return new FuzzRun(settings, out).run();
    }
}
