package com.acme.registry.faults;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault suite in the build: the registry jar packaged by registry-app in this reactor, started as a child
 * process on fresh databases of the local PostgreSQL; fails when any invariant of any scenario breaks. The full summary
 * is printed before the assertion; the failure message lists only what broke.
 */
class ShortFaultSuiteTest {

    @Test
    void everyInvariantHoldsUnderTheShortFaults() throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--registry-jar", System.getProperty("registry.jar", "../registry-app/target/model-registry.jar"));
        options.put("--work-dir", System.getProperty("fault-suite.work-dir", "target/fault-suite"));
        List<ScenarioResult> results = FaultSuite.run(FaultSuite.shortRun(options), System.out);

        String broken = results.stream().flatMap(r -> r.broken().stream().map(c -> "[" + r.scenario() + "] "
                        + c.invariant() + ": " + firstLines(c.detail())))
                .collect(Collectors.joining("\n  ", "\n  ", "\n(the summary above has examples; logs and "
                        + "fuzz-findings.md in fault-suite/target/fault-suite)"));
        assertThat(results).as("scenarios run").hasSize(FaultSuite.SCENARIOS.size());
        assertThat(results.stream().allMatch(ScenarioResult::held)).as("invariants broken:" + broken).isTrue();
    }

    /** A detail's first 40 lines, each cut at 300 characters: the examples and the registry's stack traces. */
    private static String firstLines(String detail) {
        return detail.lines().limit(40).map(l -> l.length() > 300 ? l.substring(0, 300) + "…" : l)
                .collect(Collectors.joining("\n    "));
    }
}
