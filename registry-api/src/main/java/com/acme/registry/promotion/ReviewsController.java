package com.acme.registry.promotion;

import com.acme.registry.rollout.RolloutService;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The risk reviewers' work: the queue of pending requests and the emergency rollbacks to acknowledge. */
@RestController
@Tag(name = "Reviews", description = "Review queue, rollbacks and configured environments")
class ReviewsController {

    private final PromotionService promotions;
    private final RolloutService rollouts;

    ReviewsController(PromotionService promotions, RolloutService rollouts) {
        this.promotions = promotions;
        this.rollouts = rollouts;
    }

    public record AcknowledgementBody(String comment) {
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

    @Operation(summary = "Rollbacks of all models; flagged=true lists emergency rollbacks not yet acknowledged")
    @GetMapping("/api/v1/rollbacks")
    public Page<RollbackView> rollbacks(@RequestParam(required = false) Boolean flagged,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        return rollouts.rollbacks(flagged, PageRequest.of(page, size));
    }

    @Operation(summary = "A model's rollbacks")
    @GetMapping("/api/v1/models/{name}/rollbacks")
    public Page<RollbackView> modelRollbacks(@PathVariable String name,
                                             @RequestParam(required = false) Boolean flagged,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size) {
        return rollouts.rollbacksOf(name, flagged, PageRequest.of(page, size));
    }

    @Operation(summary = "Acknowledge an emergency rollback with a comment (RISK_REVIEWER, not the one who did it)")
    @PostMapping("/api/v1/models/{name}/rollbacks/{number}/acknowledgement")
    public RollbackView acknowledge(@PathVariable String name, @PathVariable int number,
                                    @RequestBody AcknowledgementBody body, Authentication principal) {
        return rollouts.acknowledge(name, number, body.comment(), principal.getName());
    }

    @Operation(summary = "The configured environments and approval policy")
    @GetMapping("/api/v1/environments")
    public List<EnvironmentView> environments() {
        GovernanceProperties p = promotions.configuration();
        return p.environments().stream().map(e -> new EnvironmentView(e.name(), e.requiresApproval(),
                p.requiredApprovals(), p.approvalValidityDays())).toList();
    }
}
