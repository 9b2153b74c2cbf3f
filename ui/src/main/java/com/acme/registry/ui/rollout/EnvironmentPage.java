package com.acme.registry.ui.rollout;

import com.acme.registry.model.ModelView;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.rollout.RollbackView;
import com.acme.registry.rollout.RolloutTimeline;
import com.acme.registry.rollout.ServingView;

import java.util.List;

/** Everything the environment page shows: what serves, the requests, the history and what may be done next. */
public record EnvironmentPage(ModelView model, GovernanceProperties.Environment environment,
                              List<String> environmentNames, int requiredApprovals, ServingView serving,
                              List<PromotionView> requests, List<StartOption> startOptions,
                              RolloutTimeline history, List<RollbackView> rollbacks, TrafficChart chart) {

    /** A version a rollout may start with, and the granted request that allows it (none where no approval is needed). */
    public record StartOption(int version, Integer requestNumber, String label) {
    }

    public boolean rolloutInProgress() {
        return serving.candidate() != null;
    }

    /** A retired model takes no new rollout, traffic change or completion; abort and rollback stay. */
    public boolean retired() {
        return "RETIRED".equals(model.status());
    }

    public boolean canStart() {
        return !retired() && !rolloutInProgress() && !startOptions.isEmpty();
    }

    public boolean canChangeRollout() {
        return !retired() && rolloutInProgress();
    }

    public Integer rollbackTarget() {
        return history.rollbackTarget();
    }

    public boolean canRollBack() {
        return !rolloutInProgress() && serving.champion() != null && rollbackTarget() != null;
    }

    public boolean startable(PromotionView request) {
        return startOptions.stream().anyMatch(o -> request.requestNumber() == (o.requestNumber() == null ? -1
                : o.requestNumber()));
    }

    public String splitText() {
        return TrafficSplit.of(serving).describe();
    }

    /** What an approval costs here, as the promotion form and this page say it. */
    public String approvalRule() {
        return environment.requiresApproval()
                ? environment.name() + " needs " + requiredApprovals + " risk-reviewer approval"
                + (requiredApprovals == 1 ? "" : "s") + " for a " + model.riskTier() + "-tier model"
                : environment.name() + " needs no approval: a promotion request is granted at once";
    }
}
