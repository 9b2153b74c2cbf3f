package com.acme.registry.faults;

import java.util.List;

/** The table a run ends with: what ran, what held, recovery times, and each broken invariant with what was seen. */
final class Summary {

    private Summary() {
    }

    static String of(Settings settings, List<ScenarioResult> results) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%n== fault suite (%s run, %s) ==%n", settings.size().name(),
                settings.registryJar().getFileName()));
        s.append(String.format("| %-38s | %-7s | %-6s | %6s | %s%n", "scenario", "result", "checks", "time", "ran"));
        for (ScenarioResult r : results) {
            s.append(String.format("| %-38s | %-7s | %2d/%-3d | %5.0fs | %s%n", r.scenario(),
                    r.held() ? "held" : "BROKEN", r.checks().size() - r.broken().size(), r.checks().size(),
                    r.millis() / 1000.0, r.ran()));
        }
        for (ScenarioResult r : results) {
            if (!r.figures().isEmpty()) {
                s.append(String.format("%n%s:%n", r.scenario()));
                r.figures().forEach((k, v) -> s.append(String.format("  %-50s %s%n", k, v)));
            }
        }
        boolean any = false;
        for (ScenarioResult r : results) {
            for (Check c : r.checks()) {
                if (!c.held()) {
                    if (!any) {
                        s.append(String.format("%nBROKEN:%n"));
                        any = true;
                    }
                    s.append(String.format("  [%s] %s%n      %s%n", r.scenario(), c.invariant(), c.detail()));
                }
            }
        }
        s.append(String.format("%nHELD:%n"));
        for (ScenarioResult r : results) {
            for (Check c : r.checks()) {
                if (c.held()) {
                    s.append(String.format("  [%s] %s — %s%n", r.scenario(), c.invariant(),
                            Invariants.abbreviate(c.detail(), 150)));
                }
            }
        }
        return s.toString();
    }
}
