package com.acme.registry.faults;

import java.util.List;

/** Small summaries of measured times. */
final class Figures {

    private Figures() {
    }

    /** "median 4.1, max 6.0 (n=3)"; failed measurements (negative) are counted apart. */
    static String spread(List<Double> seconds) {
        List<Double> ok = seconds.stream().filter(s -> s >= 0).sorted().toList();
        long failed = seconds.size() - ok.size();
        if (ok.isEmpty()) {
            return "none" + (failed > 0 ? " (" + failed + " never)" : "");
        }
        return String.format("median %.1f, max %.1f (n=%d)%s", ok.get(ok.size() / 2), ok.get(ok.size() - 1),
                ok.size(), failed > 0 ? ", " + failed + " never" : "");
    }
}
