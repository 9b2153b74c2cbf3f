package com.acme.registry.promotion;

import com.acme.registry.model.CatalogQueries;
import com.acme.registry.axon.CommandSender;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.web.Reason;
import com.acme.registry.identity.ApiTokens;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
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
import java.time.Instant;

@RestController
@RequestMapping("/api/v1/models/{name}/promotions")
@Tag(name = "Promotions", description = "Promotion requests and their reviews")
public class PromotionsController {

    private final CommandSender commands;
    private final GovernanceQueries queries;
    private final Environments environments;
    private final CatalogQueries catalog;
    private final ApiTokens tokens;

    public PromotionsController(CommandSender commands, GovernanceQueries queries, Environments environments,
                                CatalogQueries catalog, ApiTokens tokens) {
        this.commands = commands;
        this.queries = queries;
        this.environments = environments;
        this.catalog = catalog;
        this.tokens = tokens;
    }

    private void requireModel(String name) {
        catalog.requireModel(name);
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
        Violations missing = new Violations();
        missing.check(body.version() != null, "version", "is required");
        GovernanceProperties.Environment environment = environments.fromBody(body.environment(), missing);
        if (environment == null || body.version() == null) {
            // the domain checks the rest; name it here too, so that a caller learns every broken field at once
            missing.requiredText(body.justification(), "justification", Limits.FREE_TEXT);
            missing.uri(body.validationReportUri(), "validationReportUri");
            missing.throwIfAny();
        }
        int number = commands.send(name, new RequestPromotion(name, body.version(), environment.name(),
                body.justification(), body.validationReportUri(), environment.requiresApproval(),
                environments.properties().policy(), principal.getName(), Instant.now()));
        return ResponseEntity.created(URI.create("/api/v1/models/" + name + "/promotions/" + number))
                .body(request(name, number));
    }

    @Operation(summary = "A model's promotion requests; pending ones oldest first, others newest first")
    @GetMapping
    public Page<PromotionView> requests(@PathVariable String name,
                                        @RequestParam(required = false) RequestStatus status,
                                        @RequestParam(required = false) String environment,
                                        @RequestParam(required = false) Integer page,
                                        @RequestParam(required = false) Integer size) {
        requireModel(name);
        return queries.requests(new GovernanceQueries.RequestFilter(name, status == null ? null : status.name(),
                environment == null ? null : environments.fromBody(environment).name(), null),
                PageRequest.of(page, size));
    }

    @Operation(summary = "One promotion request, its approvals and what its policy still needs")
    @GetMapping("/{number}")
    public PromotionView request(@PathVariable String name, @PathVariable int number) {
        return queries.request(name, number).orElseThrow(() ->
                new NotFoundException("Model '" + name + "' has no promotion request #" + number + "."));
    }

    @Operation(summary = "Approve a request with a comment (RISK_REVIEWER); nobody approves a version they "
            + "registered or a request they made (themselves or through an API token they own), nor twice")
    @PostMapping("/{number}/approvals")
    public PromotionView approve(@PathVariable String name, @PathVariable int number, @RequestBody ApprovalBody body,
                                 Authentication principal) {
        commands.send(name, new ApprovePromotion(name, number, body.comment(), principal.getName(),
                tokens.actorsOwnedBy(principal.getName()), Instant.now()));
        return request(name, number);
    }

    @Operation(summary = "Reject a request with a reason (RISK_REVIEWER); it closes, and a new one may be filed")
    @PostMapping("/{number}/rejection")
    public PromotionView reject(@PathVariable String name, @PathVariable int number, @RequestBody Reason body,
                                Authentication principal) {
        commands.send(name, new RejectPromotion(name, number, body.reason(), principal.getName()));
        return request(name, number);
    }
}
