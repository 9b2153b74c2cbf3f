package com.acme.registry.promotion;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.web.Reason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1/models/{name}/promotions")
@Tag(name = "Promotions", description = "Promotion requests and their reviews")
class PromotionsController {

    private final PromotionService promotions;

    PromotionsController(PromotionService promotions) {
        this.promotions = promotions;
    }

    public record PromotionRequestBody(Integer version, String environment, String justification,
                                       String validationReportUri) {
    }

    public record ApprovalBody(String comment) {
    }

    @Operation(summary = "Request promotion of a version to an environment (ML_ENGINEER); where approval is "
            + "needed it waits for risk reviewers, elsewhere it is granted at once")
    @PostMapping
    public ResponseEntity<PromotionView> request(@PathVariable String name, @RequestBody PromotionRequestBody body,
                                                 Authentication principal) {
        PromotionView created = promotions.request(name, body.version(), body.environment(), body.justification(),
                body.validationReportUri(), principal.getName());
        return ResponseEntity.created(URI.create("/api/v1/models/" + name + "/promotions/" + created.requestNumber()))
                .body(created);
    }

    @Operation(summary = "A model's promotion requests; pending ones oldest first, others newest first")
    @GetMapping
    public Page<PromotionView> requests(@PathVariable String name,
                                        @RequestParam(required = false) RequestStatus status,
                                        @RequestParam(required = false) String environment,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        return promotions.requestsOf(name, status, environment, PageRequest.of(page, size));
    }

    @Operation(summary = "One promotion request, its approvals and what its policy still needs")
    @GetMapping("/{number}")
    public PromotionView request(@PathVariable String name, @PathVariable int number) {
        return promotions.request(name, number);
    }

    @Operation(summary = "Approve a request with a comment (RISK_REVIEWER); nobody approves a version they "
            + "registered or a request they made (themselves or through an API token they own), nor twice")
    @PostMapping("/{number}/approvals")
    public PromotionView approve(@PathVariable String name, @PathVariable int number, @RequestBody ApprovalBody body,
                                 Authentication principal) {
        return promotions.approve(name, number, body.comment(), principal.getName());
    }

    @Operation(summary = "Reject a request with a reason (RISK_REVIEWER); it closes, and a new one may be filed")
    @PostMapping("/{number}/rejection")
    public PromotionView reject(@PathVariable String name, @PathVariable int number, @RequestBody Reason body,
                                Authentication principal) {
        return promotions.reject(name, number, body.reason(), principal.getName());
    }
}
