package com.acme.registry.faults.fuzz;

import com.acme.registry.faults.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Failing fuzz cases, deduplicated by class (what failed, endpoint, mutation, status); the first example of each. */
final class Findings {

    /** The first case of a class and how often the class occurred. */
    static final class Finding {
        final String example;
        final java.util.Set<String> fields = new java.util.TreeSet<>();
        int count;

        Finding(String example) {
            this.example = example;
        }
    }

    private final Map<String, Map<String, Finding>> byProblem = new TreeMap<>();

    void add(String problem, String classKey, Case c, String answer) {
        Finding f = byProblem.computeIfAbsent(problem, k -> new TreeMap<>()).computeIfAbsent(classKey,
                k -> new Finding(String.format("%s %s [%s at %s] body %s → %s", c.method(), abbreviate(c.path(), 90),
                        c.kind(), c.field(), c.bodyPreview(140), answer)));
        f.count++;
        if (f.fields.size() < 8) {
            f.fields.add(c.field());
        }
    }

    int classes(String problem) {
        return byProblem.getOrDefault(problem, Map.of()).size();
    }

    /** One check per problem: held when no case had it; otherwise its classes, the first {@code shown} in full. */
    Check check(String problem, String invariant, int shown) {
        Map<String, Finding> classes = byProblem.getOrDefault(problem, Map.of());
        if (classes.isEmpty()) {
            return Check.held(invariant, "0 cases");
        }
        int cases = classes.values().stream().mapToInt(f -> f.count).sum();
        StringBuilder s = new StringBuilder(String.format("%d cases in %d classes", cases, classes.size()));
        int i = 0;
        for (Map.Entry<String, Finding> e : classes.entrySet()) {
            if (i++ == shown) {
                s.append(String.format("%n      … and %d more classes (all in the findings file)", classes.size() - shown));
                break;
            }
            s.append(String.format("%n      %s ×%d at %s%n        e.g. %s", e.getKey(), e.getValue().count,
                    e.getValue().fields, e.getValue().example));
        }
        return Check.broken(invariant, s.toString());
    }

    /** One line per endpoint with the fields where the problem occurred (for per-field sweeps). */
    Check compact(String problem, String invariant) {
        Map<String, Finding> classes = byProblem.getOrDefault(problem, Map.of());
        if (classes.isEmpty()) {
            return Check.held(invariant, "0 cases");
        }
        Map<String, java.util.Set<String>> byEndpoint = new TreeMap<>();
        classes.forEach((k, f) -> byEndpoint.computeIfAbsent(k.substring(0, k.lastIndexOf(" · ")),
                x -> new java.util.TreeSet<>()).addAll(f.fields));
        StringBuilder s = new StringBuilder(classes.size() + " fields");
        byEndpoint.forEach((endpoint, fields) -> s.append(String.format("%n      %s: %s", endpoint,
                String.join(", ", fields))));
        s.append(String.format("%n      e.g. %s", classes.values().iterator().next().example));
        return Check.broken(invariant, s.toString());
    }

    /** Every class of every problem, for the findings file. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        byProblem.forEach((problem, classes) -> {
            lines.add("## " + problem + " (" + classes.size() + " classes)");
            classes.forEach((k, f) -> {
                lines.add("- " + k + " ×" + f.count + " at " + f.fields);
                lines.add("    e.g. " + f.example);
            });
            lines.add("");
        });
        return lines;
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
