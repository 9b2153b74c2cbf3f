package com.acme.registry.promotion;

import com.acme.registry.axon.CommandSender;
import com.acme.registry.identity.ApiTokens;
import com.acme.registry.model.ModelService;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Service;

import java.time.Instant;

/**
 * The one door to promotion requests, for the API, the UI and the demo data: it builds each command (the
 * environment's approval rule and the policy from configuration, the clock, the reviewer's API tokens), sends it,
 * waits until the read models show it, and answers the reads. The model's aggregate judges every rule.
 * The acting person is the caller's authenticated principal, passed in by name.
 */
@Service
public class PromotionService {

    private final CommandSender commands;
    private final PromotionQueries queries;
    private final Environments environments;
    private final ModelService models;
    private final ApiTokens tokens;

    PromotionService(CommandSender commands, PromotionQueries queries, Environments environments,
                     ModelService models, ApiTokens tokens) {
        this.commands = commands;
        this.queries = queries;
        this.environments = environments;
        this.models = models;
        this.tokens = tokens;
    }

    /**
     * Asks for {@code version} to go to {@code environment}: pending where the environment needs approval, granted
     * at once elsewhere.
     *
     * @return the new request as the read models show it
     */
    public PromotionView request(String model, Integer version, String environment, String justification,
                                 String validationReportUri, String engineer) {
        Violations missing = new Violations();
        missing.check(version != null, "version", "is required");
        GovernanceProperties.Environment env = environments.fromBody(environment, missing);
        if (env == null || version == null) {
            // the domain checks the rest; name it here too, so that a caller learns every broken field at once
            missing.requiredText(justification, "justification", Limits.FREE_TEXT);
            missing.uri(validationReportUri, "validationReportUri");
            missing.throwIfAny();
        }
        int number = commands.send(model, new RequestPromotion(model, version, env.name(), justification,
                validationReportUri, env.requiresApproval(), environments.properties().policy(), engineer,
                Instant.now()));
        return request(model, number);
    }

    /** A reviewer approves; the API tokens they own count as themselves for segregation of duties. */
    public PromotionView approve(String model, int number, String comment, String reviewer) {
        commands.send(model, new ApprovePromotion(model, number, comment, reviewer, tokens.actorsOwnedBy(reviewer),
                Instant.now()));
        return request(model, number);
    }

    public PromotionView reject(String model, int number, String reason, String reviewer) {
        commands.send(model, new RejectPromotion(model, number, reason, reviewer));
        return request(model, number);
    }

    public PromotionView request(String model, int number) {
        return queries.request(model, number).orElseThrow(() ->
                new NotFoundException("Model '" + model + "' has no promotion request #" + number + "."));
    }

    /** A model's requests; pending ones oldest first, others newest first. Environment as a caller spelled it. */
    public Page<PromotionView> requestsOf(String model, RequestStatus status, String environment, PageRequest page) {
        models.requireModel(model);
        return queries.requests(new PromotionFilter(model, status == null ? null : status.name(),
                environment == null ? null : environments.fromBody(environment).name(), null), page);
    }

    /** The review queue: pending requests, oldest first. Environment as a caller spelled it. */
    public Page<PromotionView> pending(RiskTier riskTier, String environment, PageRequest page) {
        return queries.requests(new PromotionFilter(null, RequestStatus.PENDING.name(),
                environment == null ? null : environments.fromBody(environment).name(),
                riskTier == null ? null : riskTier.name()), page);
    }

    /** Requests matching a filter of configured names; pending ones oldest first, others newest first. */
    public Page<PromotionView> requests(PromotionFilter filter, PageRequest page) {
        return queries.requests(filter, page);
    }

    /** The configured environments and approval policy. */
    public GovernanceProperties configuration() {
        return environments.properties();
    }

    /** How many distinct reviewers a request for a model of this tier needs where approval is required. */
    public int approvalsRequired(RiskTier tier) {
        return environments.properties().policy().approvalsFor(tier);
    }

    public int approvalValidityDays() {
        return environments.properties().approvalValidityDays();
    }
}
