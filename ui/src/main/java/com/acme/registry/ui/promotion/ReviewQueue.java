package com.acme.registry.ui.promotion;

import com.acme.registry.model.ModelService;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.PromotionFilter;
import com.acme.registry.promotion.PromotionService;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.promotion.RequestStatus;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.validation.InvalidInputException;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The reviewer's queue: pending requests oldest first (as the API's), and emergency rollbacks to acknowledge. */
@Component
class ReviewQueue {

    static final int PAGE_SIZE = 20;
    private static final int ROLLBACKS_SHOWN = 100;

    private final PromotionService promotions;
    private final RolloutService rollouts;
    private final ModelService models;
    private final Environments environments;

    ReviewQueue(PromotionService promotions, RolloutService rollouts, ModelService models,
                Environments environments) {
        this.promotions = promotions;
        this.rollouts = rollouts;
        this.models = models;
        this.environments = environments;
    }

    QueueFilter filter(String riskTier, String environment) {
        String tier = blankToNull(riskTier);
        if (tier != null && Arrays.stream(RiskTier.values()).noneMatch(t -> t.name().equals(tier))) {
            throw InvalidInputException.of("riskTier", "must be one of " + Arrays.stream(RiskTier.values())
                    .map(Enum::name).collect(Collectors.joining(", ")) + " (was '" + tier + "')");
        }
        String env = blankToNull(environment);
        return new QueueFilter(tier, env == null ? null : environments.fromBody(env).name());
    }

    /** {@code viewer}: the reviewer's name and the actors of the API tokens they own. */
    Page<ReviewItem> pending(QueueFilter filter, Integer page, Set<String> viewer) {
        Page<PromotionView> requests = promotions.requests(new PromotionFilter(null, RequestStatus.PENDING.name(),
                filter.environment(), filter.riskTier()), PageRequest.of(page, PAGE_SIZE));
        List<ReviewItem> items = requests.items().stream().map(r -> ReviewItem.of(r, registrant(r), viewer)).toList();
        return new Page<>(items, requests.page(), requests.size(), requests.totalItems(), requests.totalPages());
    }

    List<RollbackItem> rollbacksToAcknowledge(Set<String> viewer) {
        return rollouts.rollbacks(true, PageRequest.of(0, ROLLBACKS_SHOWN)).items().stream()
                .map(r -> new RollbackItem(r, viewer.contains(r.rolledBackBy()))).toList();
    }

    List<String> environmentNames() {
        return environments.properties().environments().stream().map(e -> e.name()).toList();
    }

    private String registrant(PromotionView request) {
        return models.version(request.modelName(), request.version()).map(VersionView::registeredBy).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
