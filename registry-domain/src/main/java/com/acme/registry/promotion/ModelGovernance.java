package com.acme.registry.promotion;

import com.acme.registry.rollout.AbortRollout;
import com.acme.registry.rollout.AcknowledgeRollback;
import com.acme.registry.rollout.ChangeRolloutTraffic;
import com.acme.registry.rollout.CompleteRollout;
import com.acme.registry.rollout.RollBack;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;
import com.acme.registry.rollout.StartRollout;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * How a model's versions reach environments: promotion requests, reviews with segregation of duties, rollouts
 * and rollbacks. Part of the model's aggregate, so every rule is decided against one consistent history and
 * racing commands are serialised: one wins, the other sees the new state and is refused.
 */
public class ModelGovernance {

    private String modelName;
    private RiskTier riskTier;
    private boolean retired;
    private final Map<Integer, VersionFacts> versions = new HashMap<>();
    private final Map<Integer, PromotionRequest> requests = new HashMap<>();
    private final Map<String, EnvironmentState> environments = new HashMap<>();
    private final Map<Integer, Rollback> rollbacks = new HashMap<>();

    // ---- promotion requests ----

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
        requireActiveModel("take promotion requests");
        requireUsableVersion(command.version(), "be promoted");
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
        PolicyInForce policy = new PolicyInForce(riskTier, command.approvalRequired(),
                command.approvalRequired() ? command.policy().approvalsFor(riskTier) : 0,
                command.policy().approvalValidityDays());
        int number = requests.size() + 1;
        apply(new PromotionRequested(modelName, number, command.version(), environment, command.justification(),
                command.validationReportUri(), command.requestedBy(), policy));
        if (!policy.approvalRequired()) {
            apply(new PromotionGranted(modelName, number, command.version(), environment, null));
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
        String registeredBy = versions.get(request.version()).registeredBy;
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
        apply(new PromotionApproved(modelName, request.number(), reviewer, command.comment(), approvals));
        if (approvals >= request.policy().requiredApprovals()) {
            Instant validUntil = command.now().plus(request.policy().approvalValidityDays(), ChronoUnit.DAYS);
            apply(new PromotionGranted(modelName, request.number(), request.version(), request.environment(), validUntil));
        }
    }

    @CommandHandler
    public void handle(RejectPromotion command) {
        Violations v = new Violations();
        v.requiredText(command.reason(), "reason", Limits.FREE_TEXT);
        v.throwIfAny();
        PromotionRequest request = pendingRequest(command.requestNumber());
        apply(new PromotionRejected(modelName, request.number(), command.rejectedBy(), command.reason()));
    }

    // ---- rollouts ----

    @CommandHandler
    public void handle(StartRollout command) {
        checkTraffic(command.trafficPercent());
        requireActiveModel("start rollouts");
        requireUsableVersion(command.version(), "be rolled out");
        EnvironmentState environment = environment(command.environment());
        if (environment.rollout != null) {
            throw new RuleViolationException("rollout-in-progress", "Version " + environment.rollout.version
                    + " is being rolled out to " + command.environment() + " (" + environment.rollout.traffic
                    + "% of traffic); complete or abort that rollout first.");
        }
        if (environment.champion != null && environment.champion == command.version()) {
            throw new RuleViolationException("already-champion", "Version " + command.version()
                    + " already serves " + command.environment() + ".");
        }
        Integer requestNumber = null;
        if (command.approvalRequired()) {
            requestNumber = grantedRequest(command.version(), command.environment(), command.now()).number;
        }
        apply(new RolloutStarted(modelName, command.environment(), command.version(), command.trafficPercent(),
                requestNumber, environment.champion));
    }

    @CommandHandler
    public void handle(ChangeRolloutTraffic command) {
        checkTraffic(command.trafficPercent());
        requireActiveModel("change rollout traffic");
        Rollout rollout = activeRollout(command.environment());
        if (rollout.traffic != command.trafficPercent()) {
            apply(new RolloutTrafficChanged(modelName, command.environment(), rollout.version,
                    command.trafficPercent()));
        }
    }

    @CommandHandler
    public void handle(CompleteRollout command) {
        requireActiveModel("complete rollouts");
        Rollout rollout = activeRollout(command.environment());
        apply(new RolloutCompleted(modelName, command.environment(), rollout.version,
                environment(command.environment()).champion));
    }

    /** Allowed on a retired model too: it only takes traffic away from a candidate (docs/reliability-rules.md). */
    @CommandHandler
    public void handle(AbortRollout command) {
        Violations v = new Violations();
        v.requiredText(command.reason(), "reason", Limits.FREE_TEXT);
        v.throwIfAny();
        Rollout rollout = activeRollout(command.environment());
        apply(new RolloutAborted(modelName, command.environment(), rollout.version, command.reason()));
    }

    /**
     * Allowed on a retired model too: it restores a champion that served before, the emergency lever for a model
     * that still serves (docs/reliability-rules.md).
     */
    @CommandHandler
    public void handle(RollBack command) {
        Violations v = new Violations();
        v.requiredText(command.reason(), "reason", Limits.FREE_TEXT);
        v.throwIfAny();
        EnvironmentState environment = environment(command.environment());
        if (environment.rollout != null) {
            throw new RuleViolationException("rollout-in-progress", "Version " + environment.rollout.version
                    + " is being rolled out to " + command.environment() + "; abort that rollout instead of rolling back.");
        }
        if (environment.champion == null || environment.pastChampions.isEmpty()) {
            throw new RuleViolationException("nothing-to-roll-back-to", "No earlier champion of "
                    + command.environment() + " to roll back to"
                    + (environment.champion == null ? " (nothing serves there)." : "."));
        }
        int restored = environment.pastChampions.get(environment.pastChampions.size() - 1);
        requireUsableVersion(restored, "be rolled back to");
        if (command.approvalRequired() && requests.values().stream().noneMatch(r -> r.version() == restored
                && r.environment().equals(command.environment()) && r.status() == RequestStatus.GRANTED)) {
            throw new RuleViolationException("never-approved", "Version " + restored + " was never approved for "
                    + command.environment() + "; it cannot be rolled back to without a new approval.");
        }
        apply(new RolledBack(modelName, command.environment(), rollbacks.size() + 1, restored, environment.champion,
                command.reason(), command.rolledBackBy(), command.approvalRequired()));
    }

    @CommandHandler
    public void handle(AcknowledgeRollback command) {
        Violations v = new Violations();
        v.requiredText(command.comment(), "comment", Limits.FREE_TEXT);
        v.throwIfAny();
        Rollback rollback = rollbacks.get(command.rollbackNumber());
        if (rollback == null || !rollback.emergency) {
            throw new NotFoundException("Model '" + modelName + "' has no emergency rollback #"
                    + command.rollbackNumber() + ".");
        }
        if (rollback.acknowledgedBy != null) {
            throw new RuleViolationException("rollback-acknowledged", "Emergency rollback #" + command.rollbackNumber()
                    + " was acknowledged by " + rollback.acknowledgedBy + " already.");
        }
        if (samePerson(command.acknowledgedBy(), command.reviewerTokens(), rollback.rolledBackBy)) {
            throw new SegregationOfDutiesException(command.acknowledgedBy() + " performed emergency rollback #"
                    + command.rollbackNumber() + through(command.acknowledgedBy(), rollback.rolledBackBy)
                    + " and so cannot acknowledge it; another risk reviewer must.",
                    modelName, rollback.restoredVersion(), rollback.environment(),
                    Map.of("rollback", command.rollbackNumber()));
        }
        apply(new RollbackAcknowledged(modelName, command.rollbackNumber(), command.acknowledgedBy(),
                command.comment()));
    }

    // ---- decisions' helpers ----

    private SegregationOfDutiesException refused(PromotionRequest request, String message) {
        return new SegregationOfDutiesException(message, modelName, request.version(), request.environment(),
                Map.of("request", request.number()));
    }

    /** An API token acts for its owner: what it did counts as the owner's own act. */
    private static boolean samePerson(String person, Set<String> personsTokens, String actor) {
        return person.equals(actor) || personsTokens.contains(actor);
    }

    private static String through(String person, String actor) {
        return person.equals(actor) ? "" : " (through the API token " + actor + " acting for them)";
    }

    private void requireActiveModel(String action) {
        if (retired) {
            throw new RuleViolationException("model-retired",
                    "Model '" + modelName + "' is retired; a retired model cannot " + action + ".");
        }
    }

    private void requireUsableVersion(int number, String action) {
        VersionFacts version = versions.get(number);
        if (version == null) {
            throw new NotFoundException("Model '" + modelName + "' has no version " + number + ".");
        }
        if (version.archived) {
            throw new RuleViolationException("version-archived",
                    "Version " + number + " of model '" + modelName + "' is archived and cannot " + action + ".");
        }
    }

    private PromotionRequest pendingRequest(int number) {
        PromotionRequest request = requests.get(number);
        if (request == null) {
            throw new NotFoundException("Model '" + modelName + "' has no promotion request #" + number + ".");
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new RuleViolationException("request-closed", "Request #" + number + " is "
                    + request.status().name().toLowerCase() + " already; nothing more can be decided on it.");
        }
        return request;
    }

    private PromotionRequest grantedRequest(int version, String environment, Instant now) {
        Optional<PromotionRequest> latest = requests.values().stream()
                .filter(r -> r.version() == version && r.environment().equals(environment))
                .max((a, b) -> Integer.compare(a.number(), b.number()));
        if (latest.isEmpty()) {
            throw new RuleViolationException("not-approved", "Version " + version + " has no promotion request for "
                    + environment + ", which needs approval; request a promotion first.");
        }
        PromotionRequest request = latest.get();
        if (request.grantValidAt(now)) {
            return request;
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

    private EnvironmentState environment(String name) {
        return environments.getOrDefault(name, EnvironmentState.EMPTY);
    }

    private Rollout activeRollout(String environment) {
        Rollout rollout = environment(environment).rollout;
        if (rollout == null) {
            throw new RuleViolationException("no-rollout", "No rollout is in progress in " + environment + ".");
        }
        return rollout;
    }

    private static void checkTraffic(int percent) {
        Violations v = new Violations();
        v.check(percent >= 1 && percent <= 100, "trafficPercent", "must be between 1 and 100");
        v.throwIfAny();
    }

    // ---- what serves, for the model's own rules (retirement, archival) ----

    /** The environments where a version serves, champion or rollout candidate, by name; with what serves there. */
    public SortedMap<String, String> serving() {
        SortedMap<String, String> serving = new TreeMap<>();
        environments.forEach((name, e) -> {
            if (e.champion != null || e.rollout != null) {
                serving.put(name, e.describe());
            }
        });
        return serving;
    }

    /** The environments where {@code version} serves, as champion or rollout candidate. */
    public SortedMap<String, String> serving(int version) {
        SortedMap<String, String> serving = new TreeMap<>();
        environments.forEach((name, e) -> {
            if (e.champion != null && e.champion == version) {
                serving.put(name, "champion" + (e.rollout == null ? "" : " at " + (100 - e.rollout.traffic) + "%"));
            } else if (e.rollout != null && e.rollout.version == version) {
                serving.put(name, "rollout candidate at " + e.rollout.traffic + "%");
            }
        });
        return serving;
    }

    // ---- state, changed only by events ----

    @EventSourcingHandler
    void on(ModelRegistered event) {
        modelName = event.modelName();
        riskTier = event.model().riskTier();
    }

    @EventSourcingHandler
    void on(ModelRetired event) {
        retired = true;
    }

    @EventSourcingHandler
    void on(ModelVersionRegistered event) {
        versions.put(event.version(), new VersionFacts(event.registeredBy(), false));
    }

    @EventSourcingHandler
    void on(ModelVersionArchived event) {
        versions.computeIfPresent(event.version(), (n, v) -> new VersionFacts(v.registeredBy, true));
    }

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

    @EventSourcingHandler
    void on(RolloutStarted event) {
        update(event.environment(), e -> e.withRollout(new Rollout(event.version(), event.trafficPercent())));
    }

    @EventSourcingHandler
    void on(RolloutTrafficChanged event) {
        update(event.environment(), e -> e.withRollout(new Rollout(event.version(), event.trafficPercent())));
    }

    @EventSourcingHandler
    void on(RolloutCompleted event) {
        update(event.environment(), e -> new EnvironmentState(event.version(), e.pastWith(e.champion), null));
    }

    @EventSourcingHandler
    void on(RolloutAborted event) {
        update(event.environment(), e -> e.withRollout(null));
    }

    @EventSourcingHandler
    void on(RolledBack event) {
        update(event.environment(), e -> new EnvironmentState(event.restoredVersion(), e.pastWithoutLast(), null));
        rollbacks.put(event.rollbackNumber(), new Rollback(event.rolledBackBy(), event.emergency(), null,
                event.environment(), event.restoredVersion()));
    }

    @EventSourcingHandler
    void on(RollbackAcknowledged event) {
        rollbacks.computeIfPresent(event.rollbackNumber(),
                (n, r) -> new Rollback(r.rolledBackBy, r.emergency, event.acknowledgedBy(), r.environment,
                        r.restoredVersion));
    }

    private void update(String environment, java.util.function.UnaryOperator<EnvironmentState> change) {
        environments.put(environment, change.apply(environment(environment)));
    }

    private record VersionFacts(String registeredBy, boolean archived) {
    }

    private record Rollout(int version, int traffic) {
    }

    private record Rollback(String rolledBackBy, boolean emergency, String acknowledgedBy, String environment,
                            int restoredVersion) {
    }

    /**
     * What serves in one environment: at most one champion and at most one rollout, at every instant, and the
     * champions before it, newest last, which rollbacks restore one by one.
     */
    private record EnvironmentState(Integer champion, List<Integer> pastChampions, Rollout rollout) {
        static final EnvironmentState EMPTY = new EnvironmentState(null, List.of(), null);

        EnvironmentState withRollout(Rollout next) {
            return new EnvironmentState(champion, pastChampions, next);
        }

        List<Integer> pastWith(Integer replaced) {
            if (replaced == null) {
                return pastChampions;
            }
            List<Integer> past = new ArrayList<>(pastChampions);
            past.add(replaced);
            return List.copyOf(past);
        }

        String describe() {
            if (rollout == null) {
                return "v" + champion + " champion";
            }
            return (champion == null ? "" : "v" + champion + " champion at " + (100 - rollout.traffic) + "%, ")
                    + "v" + rollout.version + " rollout candidate at " + rollout.traffic + "%";
        }

        List<Integer> pastWithoutLast() {
            return List.copyOf(pastChampions.subList(0, pastChampions.size() - 1));
        }
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
