package com.acme.registry.ui.rollout;

import com.acme.registry.validation.NotFoundException;

import java.util.Arrays;

/** The engineer's actions on one environment: the confirmation step's name and the path the form posts to. */
public enum RolloutAction {
    START("start", "rollout", "Start rollout", "primary"),
    TRAFFIC("traffic", "rollout/traffic", "Change traffic", "primary"),
    COMPLETE("complete", "rollout/completion", "Complete rollout", "approve"),
    ABORT("abort", "rollout/abort", "Abort rollout", "danger"),
    ROLLBACK("rollback", "rollback", "Roll back", "danger");

    private final String step;
    private final String postPath;
    private final String button;
    private final String buttonClass;

    RolloutAction(String step, String postPath, String button, String buttonClass) {
        this.step = step;
        this.postPath = postPath;
        this.button = button;
        this.buttonClass = buttonClass;
    }

    static RolloutAction ofStep(String step) {
        return Arrays.stream(values()).filter(a -> a.step.equals(step)).findFirst()
                .orElseThrow(() -> new NotFoundException("No rollout action named '" + step + "'; there are start, "
                        + "traffic, complete, abort and rollback."));
    }

    public String step() {
        return step;
    }

    public String postPath() {
        return postPath;
    }

    public String button() {
        return button;
    }

    public String buttonClass() {
        return buttonClass;
    }
}
