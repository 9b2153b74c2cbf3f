package com.acme.registry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The steps of a run, smallest event store first (a store only grows): at each step the store is seeded up to the
 * step's event count, then figures are measured there. Figures (a)–(d) belong to the main table at the main size,
 * (e) and (f) at the large size, (g) needs a database of its own; with growth, (a)–(c) are measured at every growth
 * size as well (once, if a growth size is also where the main table measures them). (m), MLflow registrations
 * against the native API, (n), webhook delivery latency, and (o), event stream fan-out, are measured at the main size,
 * and only when asked for by name.
 */
public record Plan(List<Step> steps, boolean startup) {

    /** Figures letters in the order they run. */
    public static final String ORDER = "abcdmnoef";

    public record Step(int index, long targetEvents, String mainFigures, String growthFigures) {

        /** How figure {@code f} is measured at this step, or null if it is not. */
        public Bench.Stage stage(char f) {
            boolean main = mainFigures.indexOf(f) >= 0;
            boolean growth = growthFigures.indexOf(f) >= 0;
            return main || growth ? new Bench.Stage(index, targetEvents, main, growth) : null;
        }
    }

    public static Plan of(String only, long mainEvents, long largeEvents, boolean growth, List<Long> growthEvents) {
        Map<Long, StringBuilder[]> byEvents = new TreeMap<>();
        for (char f : ORDER.toCharArray()) {
            if (only.indexOf(f) < 0) {
                continue;
            }
            long at = f == 'e' || f == 'f' ? largeEvents : mainEvents;
            byEvents.computeIfAbsent(at, k -> new StringBuilder[] {new StringBuilder(), new StringBuilder()})[0].append(f);
        }
        if (growth) {
            for (long events : growthEvents) {
                for (char f : "abc".toCharArray()) {
                    if (only.indexOf(f) >= 0) {
                        byEvents.computeIfAbsent(events, k -> new StringBuilder[] {new StringBuilder(), new StringBuilder()})[1]
                                .append(f);
                    }
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        for (var entry : byEvents.entrySet()) {
            steps.add(new Step(steps.size(), entry.getKey(), entry.getValue()[0].toString(),
                    entry.getValue()[1].toString()));
        }
        return new Plan(List.copyOf(steps), only.indexOf('g') >= 0);
    }

    private static final String KNOWN = "abcdefgmno";

    /** The letters of {@code --only a,b,c} (or {@code abc}), checked. */
    public static String figures(String only) {
        String letters = only.replaceAll("[\\s,]", "").toLowerCase();
        for (char c : letters.toCharArray()) {
            if (KNOWN.indexOf(c) < 0) {
                throw new IllegalArgumentException("unknown figure '" + c + "': the figures are a to g, m, n and o");
            }
        }
        if (letters.isEmpty()) {
            throw new IllegalArgumentException("--only needs at least one figure of a to g, m, n or o");
        }
        return letters;
    }
}
