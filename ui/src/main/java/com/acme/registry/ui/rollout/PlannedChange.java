package com.acme.registry.ui.rollout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one rollout action will change, before → after, as the confirmation step shows it; and the POST that
 * does it. Nothing here decides whether the action is allowed: the domain does, when the form is posted.
 */
public record PlannedChange(RolloutAction action, String heading, String summary, List<Row> rows, List<String> notes,
                            Map<String, String> fields, String reason) {

    /** One version's role and share before and after. */
    public record Row(int version, String roleBefore, int before, String roleAfter, int after) {

        public boolean changes() {
            return before != after || !roleBefore.equals(roleAfter);
        }
    }

    static PlannedChange of(RolloutAction action, String environment, TrafficSplit before, TrafficSplit after,
                            String heading, List<String> notes, Map<String, String> fields, String reason) {
        Set<Integer> versions = new LinkedHashSet<>(after.shares().keySet());
        versions.addAll(before.shares().keySet());
        List<Row> rows = new ArrayList<>();
        List<Integer> stopping = new ArrayList<>();
        for (int v : versions) {
            int was = before.shares().getOrDefault(v, 0);
            int will = after.shares().getOrDefault(v, 0);
            rows.add(new Row(v, before.roleOf(v), was, after.roleOf(v), will));
            if (!after.shares().containsKey(v)) {
                stopping.add(v);
            }
        }
        String summary = environment + " will serve " + after.describe()
                + (stopping.isEmpty() ? "" : "; " + TrafficSplit.versions(stopping) + " will stop serving there")
                + " (now: " + before.describe() + ").";
        return new PlannedChange(action, heading, summary, List.copyOf(rows), List.copyOf(notes),
                new LinkedHashMap<>(fields), reason);
    }
}
