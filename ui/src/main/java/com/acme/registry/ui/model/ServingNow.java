package com.acme.registry.ui.model;

import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.ServingView;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;

/** What serves a model now in every configured environment, through the rollout service's hot path. */
@Component
class ServingNow {

    static final String PRODUCTION = "production";

    private final RolloutService rollouts;
    private final Environments environments;

    ServingNow(RolloutService rollouts, Environments environments) {
        this.rollouts = rollouts;
        this.environments = environments;
    }

    /** In configured order (staging before production by default). */
    List<EnvironmentState> of(String model) {
        return environments.properties().environments().stream()
                .map(e -> new EnvironmentState(e.name(), e.requiresApproval(),
                        rollouts.current(model, e.name()).orElse(null)))
                .toList();
    }

    /**
     * The environment whose champion a candidate is measured against: production, or where the registry is
     * configured without one, the last (most guarded) environment.
     */
    String releaseEnvironment() {
        List<GovernanceProperties.Environment> all = environments.properties().environments();
        return environments.properties().environment(PRODUCTION).map(GovernanceProperties.Environment::name)
                .orElse(all.get(all.size() - 1).name());
    }

    Optional<ServingView.Slot> champion(String model, String environment) {
        return rollouts.current(model, environment).map(ServingView::champion);
    }
}
