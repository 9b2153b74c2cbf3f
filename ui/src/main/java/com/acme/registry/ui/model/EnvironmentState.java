package com.acme.registry.ui.model;

import com.acme.registry.rollout.ServingView;

import java.util.ArrayList;
import java.util.List;

/** A configured environment and what serves the model there now ({@code view} null when nothing ever did). */
public record EnvironmentState(String name, boolean requiresApproval, ServingView view) {

    public boolean serving() {
        return view != null && view.serving();
    }

    /** "v1 at 100%", "v1 at 75%, rollout of v2 at 25%" — the state in words. */
    public String summary() {
        if (!serving()) {
            return "nothing serves here";
        }
        StringBuilder text = new StringBuilder();
        if (view.champion() != null) {
            text.append("v").append(view.champion().version()).append(" at ").append(view.champion().trafficPercent())
                    .append("%");
        }
        if (view.candidate() != null) {
            text.append(text.isEmpty() ? "" : ", ").append("rollout of v").append(view.candidate().version())
                    .append(" at ").append(view.candidate().trafficPercent()).append("%");
        }
        return text.toString();
    }

    /** What {@code version} does here now: "production champion", "staging rollout at 25%", or nothing. */
    public List<String> rolesOf(int version) {
        List<String> roles = new ArrayList<>();
        if (!serving()) {
            return roles;
        }
        ServingView.Slot champion = view.champion();
        ServingView.Slot candidate = view.candidate();
        if (champion != null && champion.version() == version) {
            roles.add(name + " champion" + (candidate != null ? " at " + champion.trafficPercent() + "%" : ""));
        }
        if (candidate != null && candidate.version() == version) {
            roles.add(name + " rollout at " + candidate.trafficPercent() + "%");
        }
        return roles;
    }
}
