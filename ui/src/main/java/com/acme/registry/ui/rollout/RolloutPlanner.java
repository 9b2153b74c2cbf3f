package com.acme.registry.ui.rollout;

import com.acme.registry.promotion.PromotionView;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.Violations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns an action the engineer chose on the environment page into the change it will make, before → after.
 * It judges no rule: the model's aggregate does when the form is posted, through the same service as the API.
 * It refuses only a plan it cannot draw (no rollout to change) and, as the page offers no such action, a change to
 * a retired model's rollout.
 */
@Component
class RolloutPlanner {

    static final String FULL = "full";

    PlannedChange plan(RolloutAction action, EnvironmentPage page, Integer version, Integer trafficPercent,
                       String mode, String reason) {
        String env = page.environment().name();
        TrafficSplit before = TrafficSplit.of(page.serving());
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        return switch (action) {
            case START -> {
                requireActiveModel(page, "start rollouts");
                if (version == null) {
                    throw InvalidInputException.of("version", "is required: choose the version to roll out");
                }
                int traffic = FULL.equals(mode) ? 100 : checkedTraffic(trafficPercent);
                TrafficSplit after = new TrafficSplit(before.champion(), before.champion() == null ? 0 : 100 - traffic,
                        version, traffic);
                page.startOptions().stream().filter(o -> o.version() == version && o.requestNumber() != null)
                        .findFirst().ifPresent(option -> notes.add("Allowed by request #" + option.requestNumber()
                                + ", approved by " + approvers(page, option.requestNumber()) + "."));
                if (before.champion() != null) {
                    notes.add("v" + before.champion() + " stays champion until you complete the rollout; "
                            + "you can change the traffic or abort before then.");
                } else if (traffic < 100) {
                    notes.add("Nothing serves " + env + " yet: v" + version + " takes " + traffic + "% and no "
                            + "registered version serves the other " + (100 - traffic) + "% until you raise the "
                            + "traffic to 100% or complete the rollout.");
                } else {
                    notes.add("Nothing serves " + env + " yet, so v" + version + " is the only version serving there.");
                }
                fields.put("version", String.valueOf(version));
                fields.put("trafficPercent", String.valueOf(traffic));
                yield PlannedChange.of(action, env, before, after, (traffic == 100 ? "Full rollout" : "Canary")
                        + " of v" + version + " in " + env, notes, fields, null);
            }
            case TRAFFIC -> {
                requireActiveModel(page, "change rollout traffic");
                requireRollout(page);
                int traffic = checkedTraffic(trafficPercent);
                if (traffic == before.candidatePercent()) {
                    notes.add("v" + before.candidate() + " serves " + traffic + "% of " + env
                            + " already: confirming changes nothing.");
                }
                TrafficSplit after = new TrafficSplit(before.champion(), before.champion() == null ? 0 : 100 - traffic,
                        before.candidate(), traffic);
                fields.put("trafficPercent", String.valueOf(traffic));
                yield PlannedChange.of(action, env, before, after, "Change the traffic of v" + before.candidate()
                        + " in " + env, notes, fields, null);
            }
            case COMPLETE -> {
                requireActiveModel(page, "complete rollouts");
                requireRollout(page);
                TrafficSplit after = new TrafficSplit(before.candidate(), 100, null, 0);
                if (before.champion() != null) {
                    notes.add("v" + before.champion() + " leaves " + env + "; a rollback can bring it back.");
                }
                yield PlannedChange.of(action, env, before, after, "Complete the rollout of v" + before.candidate()
                        + " in " + env, notes, fields, null);
            }
            case ABORT -> {
                requireRollout(page);
                TrafficSplit after = before.champion() == null ? TrafficSplit.NOTHING
                        : new TrafficSplit(before.champion(), 100, null, 0);
                notes.add("The reason is recorded in the audit trail.");
                yield PlannedChange.of(action, env, before, after, "Abort the rollout of v" + before.candidate()
                        + " in " + env, notes, fields, reason);
            }
            case ROLLBACK -> {
                Integer target = page.rollbackTarget();
                TrafficSplit after = target == null ? before : new TrafficSplit(target, 100, null, 0);
                if (target == null) {
                    notes.add("The rollout history shows no earlier champion of " + env + "; the registry answers "
                            + "when you confirm.");
                }
                notes.add(page.environment().requiresApproval()
                        ? "This is an emergency rollback without a new approval: it is flagged in the compliance "
                        + "views until a risk reviewer acknowledges it."
                        : env + " needs no approval, so this rollback is not flagged.");
                yield PlannedChange.of(action, env, before, after, "Roll " + env + " back to "
                        + (target == null ? "the previous champion" : "v" + target), notes, fields, reason);
            }
        };
    }

    static int checkedTraffic(Integer trafficPercent) {
        Violations v = new Violations();
        if (v.check(trafficPercent != null, "trafficPercent", "is required: 1 to 100")) {
            v.check(trafficPercent >= 1 && trafficPercent <= 100, "trafficPercent", "must be between 1 and 100");
        }
        v.throwIfAny();
        return trafficPercent;
    }

    private static void requireActiveModel(EnvironmentPage page, String action) {
        if (page.retired()) {
            throw new RuleViolationException("model-retired", "Model '" + page.model().name()
                    + "' is retired; a retired model cannot " + action + ".");
        }
    }

    private static void requireRollout(EnvironmentPage page) {
        if (!page.rolloutInProgress()) {
            throw new RuleViolationException("no-rollout", "No rollout is in progress in "
                    + page.environment().name() + ".");
        }
    }

    private static String approvers(EnvironmentPage page, int requestNumber) {
        return page.requests().stream().filter(r -> r.requestNumber() == requestNumber)
                .flatMap(r -> r.approvals().stream()).map(PromotionView.Approval::approvedBy)
                .collect(Collectors.joining(" and "));
    }
}
