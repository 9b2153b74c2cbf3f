package com.acme.registry.rollout;

import com.acme.registry.rollout.RollbackView;
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

/**
 * Rollbacks and the risk reviewers' acknowledgement of emergency ones. Listed with the review queue in the API's
 * documentation (same tag), since acknowledging is a reviewer's work.
 */
@RestController
@Tag(name = "Reviews", description = "Review queue, rollbacks and configured environments")
class RollbacksController {

    private final RolloutService rollouts;

    RollbacksController(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    public record AcknowledgementBody(String comment) {
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
}
