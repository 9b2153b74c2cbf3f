package com.acme.registry.ui.rollout;

import com.acme.registry.rollout.ServingView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which version serves what share of an environment, in words: "v2 at 10% and v1 at 90%". */
record TrafficSplit(Integer champion, int championPercent, Integer candidate, int candidatePercent) {

    static final TrafficSplit NOTHING = new TrafficSplit(null, 0, null, 0);

    static TrafficSplit of(ServingView view) {
        return new TrafficSplit(
                view.champion() == null ? null : view.champion().version(),
                view.champion() == null ? 0 : view.champion().trafficPercent(),
                view.candidate() == null ? null : view.candidate().version(),
                view.candidate() == null ? 0 : view.candidate().trafficPercent());
    }

    /** Version → share, candidate first (the change people look for), then champion. */
    Map<Integer, Integer> shares() {
        Map<Integer, Integer> shares = new LinkedHashMap<>();
        if (candidate != null) {
            shares.put(candidate, candidatePercent);
        }
        if (champion != null) {
            shares.put(champion, championPercent);
        }
        return shares;
    }

    String describe() {
        if (champion == null && candidate == null) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        shares().forEach((version, percent) -> parts.add("v" + version + " at " + percent + "%"));
        int unassigned = 100 - championPercent - candidatePercent;
        return String.join(" and ", parts)
                + (unassigned > 0 ? " (no registered version serves the other " + unassigned + "%)" : "");
    }

    /** "production now serves v2 at 50% and v1 at 50%." */
    String sentence(String environment) {
        return champion == null && candidate == null ? "Nothing serves " + environment + " now."
                : environment + " now serves " + describe() + ".";
    }

    String roleOf(int version) {
        if (candidate != null && candidate == version) {
            return "candidate";
        }
        if (champion != null && champion == version) {
            return "champion";
        }
        return "not serving";
    }

    static String versions(List<Integer> versions) {
        return versions.stream().map(v -> "v" + v).collect(Collectors.joining(", "));
    }
}
