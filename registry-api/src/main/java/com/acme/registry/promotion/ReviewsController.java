package com.acme.registry.promotion;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The risk reviewers' queue of pending requests, and the environments' approval policy. */
@RestController
@Tag(name = "Reviews", description = "Review queue, rollbacks and configured environments")
class ReviewsController {

    private final PromotionService promotions;

    ReviewsController(PromotionService promotions) {
        this.promotions = promotions;
    }

    public record EnvironmentView(String name, boolean requiresApproval, Map<RiskTier, Integer> requiredApprovals,
                                  int approvalValidityDays) {
    }

    @Operation(summary = "The review queue: pending requests, oldest first, with approvals so far and what the "
            + "policy still needs")
    @GetMapping("/api/v1/reviews")
    public Page<PromotionView> queue(@RequestParam(required = false) RiskTier riskTier,
                                     @RequestParam(required = false) String environment,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return promotions.pending(riskTier, environment, PageRequest.of(page, size));
    }

    @Operation(summary = "The configured environments and approval policy")
    @GetMapping("/api/v1/environments")
    public List<EnvironmentView> environments() {
        GovernanceProperties p = promotions.configuration();
        return p.environments().stream().map(e -> new EnvironmentView(e.name(), e.requiresApproval(),
                p.requiredApprovals(), p.approvalValidityDays())).toList();
    }
}
