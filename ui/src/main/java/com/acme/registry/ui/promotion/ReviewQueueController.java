package com.acme.registry.ui.promotion;

import com.acme.registry.promotion.PromotionService;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.rollout.RollbackView;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.identity.ApiTokens;
import com.acme.registry.ui.layout.UiFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.HashSet;
import java.util.Set;

/**
 * The review queue of risk reviewers: approve with a comment, reject with a reason, acknowledge emergency
 * rollbacks. The same services as the API; the actor is always the signed-in reviewer, and what the API tokens they own
 * did counts as their own act.
 */
@Controller
@RequestMapping("/reviews")
class ReviewQueueController {

    private final ReviewQueue queue;
    private final PromotionService promotions;
    private final RolloutService rollouts;
    private final UiFormat fmt;
    private final ApiTokens tokens;

    ReviewQueueController(ReviewQueue queue, PromotionService promotions, RolloutService rollouts, UiFormat fmt,
                          ApiTokens tokens) {
        this.queue = queue;
        this.promotions = promotions;
        this.rollouts = rollouts;
        this.fmt = fmt;
        this.tokens = tokens;
    }

    @GetMapping
    String queue(@RequestParam(required = false) String riskTier,
                 @RequestParam(required = false) String environment,
                 @RequestParam(required = false) Integer page,
                 @RequestHeader(name = "HX-Request", required = false) String htmx,
                 Authentication reviewer, Model model) {
        QueueFilter filter = queue.filter(riskTier, environment);
        model.addAttribute("section", "reviews");
        model.addAttribute("filter", filter);
        model.addAttribute("riskTiers", RiskTier.values());
        model.addAttribute("environments", queue.environmentNames());
        Set<String> identities = new HashSet<>(tokens.actorsOwnedBy(reviewer.getName()));
        identities.add(reviewer.getName());
        model.addAttribute("requests", queue.pending(filter, page, identities));
        model.addAttribute("rollbacks", queue.rollbacksToAcknowledge(identities));
        return htmx != null ? "reviews/queue :: requests" : "reviews/queue";
    }

    @PostMapping("/{model}/{number}/approval")
    String approve(@PathVariable String model, @PathVariable int number,
                   @RequestParam(required = false) String comment, Authentication reviewer,
                   RedirectAttributes redirect) {
        promotions.request(model, number);
        PromotionView after = promotions.approve(model, number, comment, reviewer.getName());
        String outcome = "GRANTED".equals(after.status())
                ? "granted: it may be rolled out until " + fmt.when(after.validUntil()) + "."
                : after.approvalsStillNeeded() + " more approval" + (after.approvalsStillNeeded() == 1 ? "" : "s")
                + " needed.";
        redirect.addFlashAttribute("flash", "Approved " + model + " v" + after.version() + " for "
                + after.environment() + " (request #" + number + ") — " + outcome);
        return "redirect:/reviews";
    }

    @PostMapping("/{model}/{number}/rejection")
    String reject(@PathVariable String model, @PathVariable int number,
                  @RequestParam(required = false) String reason, Authentication reviewer,
                  RedirectAttributes redirect) {
        PromotionView request = promotions.request(model, number);
        promotions.reject(model, number, reason, reviewer.getName());
        redirect.addFlashAttribute("flash", "Rejected request #" + number + " (" + model + " v" + request.version()
                + " to " + request.environment() + "); the engineer can file a new request.");
        return "redirect:/reviews";
    }

    @PostMapping("/rollbacks/{model}/{number}/acknowledgement")
    String acknowledge(@PathVariable String model, @PathVariable int number,
                       @RequestParam(required = false) String comment, Authentication reviewer,
                       RedirectAttributes redirect) {
        RollbackView rollback = rollouts.rollback(model, number);
        rollouts.acknowledge(model, number, comment, reviewer.getName());
        redirect.addFlashAttribute("flash", "Acknowledged emergency rollback #" + number + " of " + model + " in "
                + rollback.environment() + " (back to v" + rollback.restoredVersion() + "); it is no longer flagged.");
        return "redirect:/reviews";
    }
}
