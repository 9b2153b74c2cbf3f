package com.acme.registry.promotion;

import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import com.acme.registry.validation.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.acme.registry.validation.Actors.samePerson;
import static com.acme.registry.validation.Actors.through;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A model's promotion requests and their reviews, with segregation of duties. Part of the model's aggregate, so
 * every rule is decided against one consistent history and racing commands are serialised: one wins, the other
 * sees the new state and is refused.
 */
public class PromotionRequests {

    private final PromotableModel model;
    private final Map<Integer, PromotionRequest> requests = new HashMap<>();

    public PromotionRequests(PromotableModel model) {
        this.model = model;
    }

    @CommandHandler
    public int handle(RequestPromotion command) {
        Violations v = new Violations();
        v.required(command.environment(), "environment", Limits.KEY);
        v.requiredText(command.justification(), "justification", Limits.FREE_TEXT);
        if (command.approvalRequired()) {
            v.required(command.validationReportUri(), "validationReportUri", Limits.URI);
        }
        v.uri(command.validationReportUri(), "validationReportUri");
        v.throwIfAny();
        model.requireActive("take promotion requests");
        model.requireUsableVersion(command.version(), "be promoted");
        if (command.approvalRequired()) {
            model.requireFullEvidence(command.version(), "be requested for " + command.environment()
                    + ", which needs approval");
        }
        String environment = command.environment();
        for (PromotionRequest open : requests.values()) {
            if (open.version() == command.version() && open.environment().equals(environment)) {
                if (open.status() == RequestStatus.PENDING) {
                    throw new RuleViolationException("request-open", "Request #" + open.number() + " for version "
                            + open.version() + " to " + environment + " is still open; review or reject it first.");
                }
                if (open.grantValidAt(command.now())) {
                    throw new RuleViolationException("request-granted", "Request #" + open.number() + " for version "
                            + open.version() + " to " + environment + " is granted" + open.validityText()
                            + "; start a rollout instead.");
                }
            }
        }
        RiskTier riskTier = model.riskTier();
        PolicyInForce policy = new PolicyInForce(riskTier, command.approvalRequired(),
                command.approvalRequired() ? command.policy().approvalsFor(riskTier) : 0,
                command.policy().approvalValidityDays());
        int number = requests.size() + 1;
        apply(new PromotionRequested(model.name(), number, command.version(), environment, command.justification(),
                command.validationReportUri(), command.requestedBy(), policy));
        if (!policy.approvalRequired()) {
            apply(new PromotionGranted(model.name(), number, command.version(), environment, null));
        }
        return number;
    }

    @CommandHandler
    public void handle(ApprovePromotion command) {
        Violations v = new Violations();
        v.requiredText(command.comment(), "comment", Limits.FREE_TEXT);
        v.throwIfAny();
        PromotionRequest request = pendingRequest(command.requestNumber());
        String reviewer = command.approvedBy();
        String registeredBy = model.registeredBy(request.version());
        if (samePerson(reviewer, command.reviewerTokens(), registeredBy)) {
            throw refused(request, reviewer + " registered version " + request.version()
                    + through(reviewer, registeredBy)
                    + " and so cannot approve its promotion; another risk reviewer must.");
        }
        if (samePerson(reviewer, command.reviewerTokens(), request.requestedBy())) {
            throw refused(request, reviewer + " requested promotion #" + request.number()
                    + through(reviewer, request.requestedBy())
                    + " and so cannot approve it; another risk reviewer must.");
        }
        if (request.approvers().stream()
                .anyMatch(approver -> samePerson(reviewer, command.reviewerTokens(), approver))) {
            throw new RuleViolationException("already-approved", reviewer + " approved request #" + request.number()
                    + " already; " + request.approvalsText() + ". The next approval must come from another reviewer.");
        }
        int approvals = request.approvers().size() + 1;
        apply(new PromotionApproved(model.name(), request.number(), reviewer, command.comment(), approvals));
        if (approvals >= request.policy().requiredApprovals()) {
            Instant validUntil = command.now().plus(request.policy().approvalValidityDays(), ChronoUnit.DAYS);
            apply(new PromotionGranted(model.name(), request.number(), request.version(), request.environment(),
                    validUntil));
        }
    }

    @CommandHandler
    public void handle(RejectPromotion command) {
        Violations v = new Violations();
        v.requiredText(command.reason(), "reason", Limits.FREE_TEXT);
        v.throwIfAny();
        PromotionRequest request = pendingRequest(command.requestNumber());
        apply(new PromotionRejected(model.name(), request.number(), command.rejectedBy(), command.reason()));
    }

    // ---- what a rollout needs to know ----

    /**
     * The number of the request whose grant lets {@code version} go to {@code environment} at {@code now}: the
     * latest request for them, granted and not expired; refused ({@code not-approved}) saying why not.
     */
    public int requireValidGrant(int version, String environment, Instant now) {
        Optional<PromotionRequest> latest = requests.values().stream()
                .filter(r -> r.version() == version && r.environment().equals(environment))
                .max((a, b) -> Integer.compare(a.number(), b.number()));
        if (latest.isEmpty()) {
            throw new RuleViolationException("not-approved", "Version " + version + " has no promotion request for "
                    + environment + ", which needs approval; request a promotion first.");
        }
        PromotionRequest request = latest.get();
        if (request.grantValidAt(now)) {
            return request.number();
        }
        String why = switch (request.status()) {
            case PENDING -> "request #" + request.number() + " needs " + request.policy().requiredApprovals()
                    + " approval" + (request.policy().requiredApprovals() == 1 ? "" : "s")
                    + " from distinct risk reviewers; " + request.approvalsText();
            case REJECTED -> "request #" + request.number() + " was rejected; file a new request";
            case GRANTED -> "the approval of request #" + request.number() + " expired at " + request.validUntil()
                    + "; file a new request";
        };
        throw new RuleViolationException("not-approved", "Version " + version + " is not approved for "
                + environment + ": " + why + ".");
    }

    /** Whether {@code version} was ever requested for an environment that needs approval, whatever came of it. */
    public boolean wentUpForApproval(int version) {
        return requests.values().stream().anyMatch(r -> r.version() == version && r.policy().approvalRequired());
    }

    /** Whether a request to bring {@code version} to {@code environment} was ever granted, expired or not. */
    public boolean wasEverGranted(int version, String environment) {
        return requests.values().stream().anyMatch(r -> r.version() == version
                && r.environment().equals(environment) && r.status() == RequestStatus.GRANTED);
    }

    // ---- decisions' helpers ----

    private SegregationOfDutiesException refused(PromotionRequest request, String message) {
        return new SegregationOfDutiesException(message, model.name(), request.version(), request.environment(),
                Map.of("request", request.number()));
    }

    private PromotionRequest pendingRequest(int number) {
        PromotionRequest request = requests.get(number);
        if (request == null) {
            throw new NotFoundException("Model '" + model.name() + "' has no promotion request #" + number + ".");
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new RuleViolationException("request-closed", "Request #" + number + " is "
                    + request.status().name().toLowerCase() + " already; nothing more can be decided on it.");
        }
        return request;
    }

    // ---- state, changed only by events ----

    @EventSourcingHandler
    void on(PromotionRequested event) {
        requests.put(event.requestNumber(), new PromotionRequest(event.requestNumber(), event.version(),
                event.environment(), event.requestedBy(), event.policy(), List.of(), RequestStatus.PENDING, null));
    }

    @EventSourcingHandler
    void on(PromotionApproved event) {
        requests.computeIfPresent(event.requestNumber(), (n, r) -> r.approvedBy(event.approvedBy()));
    }

    @EventSourcingHandler
    void on(PromotionGranted event) {
        requests.computeIfPresent(event.requestNumber(), (n, r) -> r.closed(RequestStatus.GRANTED, event.validUntil()));
    }

    @EventSourcingHandler
    void on(PromotionRejected event) {
        requests.computeIfPresent(event.requestNumber(), (n, r) -> r.closed(RequestStatus.REJECTED, null));
    }

    private record PromotionRequest(int number, int version, String environment, String requestedBy,
                                    PolicyInForce policy, List<String> approvers, RequestStatus status,
                                    Instant validUntil) {

        PromotionRequest approvedBy(String reviewer) {
            List<String> more = new ArrayList<>(approvers);
            more.add(reviewer);
            return new PromotionRequest(number, version, environment, requestedBy, policy, List.copyOf(more), status,
                    validUntil);
        }

        PromotionRequest closed(RequestStatus closedAs, Instant until) {
            return new PromotionRequest(number, version, environment, requestedBy, policy, approvers, closedAs, until);
        }

        boolean grantValidAt(Instant now) {
            return status == RequestStatus.GRANTED && (validUntil == null || now.isBefore(validUntil));
        }

        String validityText() {
            return validUntil == null ? "" : " until " + validUntil;
        }

        String approvalsText() {
            return "has " + approvers.size() + (approvers.isEmpty() ? "" : " (" + String.join(", ", approvers) + ")");
        }
    }
}
