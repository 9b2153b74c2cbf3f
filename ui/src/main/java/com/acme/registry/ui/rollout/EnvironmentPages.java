package com.acme.registry.ui.rollout;

import com.acme.registry.model.ModelService;
import com.acme.registry.model.ModelView;
import com.acme.registry.web.PageRequest;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.promotion.PromotionFilter;
import com.acme.registry.promotion.PromotionService;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.rollout.RollbackView;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.rollout.ServingView;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.VersionStatus;
import com.acme.registry.ui.layout.UiFormat;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Assembles the environment page from the promotion and rollout services, as the API's endpoints answer them. */
@Component
class EnvironmentPages {

    private static final int LISTED = PageRequest.MAX_SIZE;

    private final ModelService models;
    private final PromotionService promotions;
    private final RolloutService rollouts;
    private final Environments environments;
    private final UiFormat fmt;

    EnvironmentPages(ModelService models, PromotionService promotions, RolloutService rollouts,
                     Environments environments, UiFormat fmt) {
        this.models = models;
        this.promotions = promotions;
        this.rollouts = rollouts;
        this.environments = environments;
        this.fmt = fmt;
    }

    EnvironmentPage page(String name, String environmentName) {
        GovernanceProperties.Environment environment = environments.fromPath(environmentName);
        ModelView model = models.requireModel(name);
        ServingView now = current(name, environment.name());
        List<PromotionView> requests = promotions.requests(new PromotionFilter(name, null, environment.name(), null),
                PageRequest.of(0, LISTED)).items();
        List<RollbackView> rollbacks = new ArrayList<>(rollouts.rollbacksOf(name, null, PageRequest.of(0, LISTED))
                .items().stream().filter(r -> r.environment().equals(environment.name())).toList());
        rollbacks.sort(Comparator.comparing(RollbackView::rolledBackAt).reversed());
        int required = promotions.approvalsRequired(RiskTier.valueOf(model.riskTier()));
        List<TrafficChart.Period> periods = rollouts.trafficHistory(name, environment.name()).stream()
                .map(TrafficChart.Period::of).toList();
        return new EnvironmentPage(model, environment, environmentNames(), required, now, requests,
                startOptions(name, environment, now, requests), rollouts.history(name, environment.name()), rollbacks,
                TrafficChart.of(periods, Instant.now()));
    }

    ServingView current(String name, String environment) {
        return rollouts.currentOrNothing(name, environment);
    }

    List<String> environmentNames() {
        return environments.properties().environments().stream().map(GovernanceProperties.Environment::name).toList();
    }

    private List<EnvironmentPage.StartOption> startOptions(String name, GovernanceProperties.Environment environment,
                                                           ServingView now, List<PromotionView> requests) {
        TrafficSplit split = TrafficSplit.of(now);
        List<EnvironmentPage.StartOption> options = new ArrayList<>();
        if (environment.requiresApproval()) {
            Map<Integer, PromotionView> latest = new TreeMap<>(Comparator.reverseOrder());
            for (PromotionView r : requests) {
                latest.merge(r.version(), r, (a, b) -> a.requestNumber() > b.requestNumber() ? a : b);
            }
            Instant at = Instant.now();
            latest.values().stream()
                    .filter(r -> "GRANTED".equals(r.status()) && (r.validUntil() == null || r.validUntil().isAfter(at)))
                    .filter(r -> !serves(split, r.version()))
                    .forEach(r -> options.add(new EnvironmentPage.StartOption(r.version(), r.requestNumber(),
                            "v" + r.version() + " — request #" + r.requestNumber() + ", granted until "
                                    + fmt.when(r.validUntil()))));
        } else {
            models.versions(name, VersionStatus.REGISTERED, null, null, null, PageRequest.of(0, LISTED)).items().stream()
                    .filter(v -> !serves(split, v.version()))
                    .forEach(v -> options.add(new EnvironmentPage.StartOption(v.version(), null,
                            "v" + v.version() + " — registered " + fmt.when(v.registeredAt()) + " by "
                                    + v.registeredBy())));
        }
        return options;
    }

    Optional<VersionView> version(String name, int version) {
        return models.version(name, version);
    }

    private static boolean serves(TrafficSplit split, int version) {
        return (split.champion() != null && split.champion() == version)
                || (split.candidate() != null && split.candidate() == version);
    }
}
