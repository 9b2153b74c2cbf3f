package com.acme.registry.rollout;

import com.acme.registry.promotion.PromotionRequests;
import com.acme.registry.validation.Limits;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import com.acme.registry.validation.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import static com.acme.registry.validation.Actors.samePerson;
import static com.acme.registry.validation.Actors.through;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * What of a model serves in which environment: rollouts, rollbacks and the acknowledgement of emergency rollbacks.
 * Part of the model's aggregate, so every rule is decided against one consistent history and racing commands are
 * serialised: one wins, the other sees the new state and is refused. Where an environment needs approval, a rollout
 * asks the model's {@link PromotionRequests} for the grant.
 */
public class EnvironmentServing {

    private final ServableModel model;
    private final PromotionRequests promotions;
    private final Map<String, EnvironmentState> environments = new HashMap<>();
    private final Map<Integer, Rollback> rollbacks = new HashMap<>();

    public EnvironmentServing(ServableModel model, PromotionRequests promotions) {
        this.model = model;
        this.promotions = promotions;
    }

    // ---- rollouts ----

    @CommandHandler
    public void handle(StartRollout command) {
        checkTraffic(command.trafficPercent());
        model.requireActive("start rollouts");
        model.requireUsableVersion(command.version(), "be rolled out");
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
            requestNumber = promotions.requireValidGrant(command.version(), command.environment(), command.now());
        }
        apply(new RolloutStarted(model.name(), command.environment(), command.version(), command.trafficPercent(),
                requestNumber, environment.champion));
    }

    /** Answers whether anything changed (false: the version was the champion already). */
    @CommandHandler
    public boolean handle(MakeChampion command) {
        EnvironmentState environment = environment(command.environment());
        if (environment.rollout == null && environment.champion != null && environment.champion == command.version()) {
            return false;
        }
        handle(new StartRollout(command.modelName(), command.environment(), command.version(), 100,
                command.approvalRequired(), command.now()));
        handle(new CompleteRollout(command.modelName(), command.environment()));
        return true;
    }

    @CommandHandler
    public void handle(ChangeRolloutTraffic command) {
        checkTraffic(command.trafficPercent());
        model.requireActive("change rollout traffic");
        Rollout rollout = activeRollout(command.environment());
        if (rollout.traffic != command.trafficPercent()) {
            apply(new RolloutTrafficChanged(model.name(), command.environment(), rollout.version,
                    command.trafficPercent()));
        }
    }

    @CommandHandler
    public void handle(CompleteRollout command) {
        model.requireActive("complete rollouts");
        Rollout rollout = activeRollout(command.environment());
        apply(new RolloutCompleted(model.name(), command.environment(), rollout.version,
                environment(command.environment()).champion));
    }

    /** Allowed on a retired model too: it only takes traffic away from a candidate (docs/reliability-rules.md). */
    @CommandHandler
    public void handle(AbortRollout command) {
        Violations v = new Violations();
        v.requiredText(command.reason(), "reason", Limits.FREE_TEXT);
        v.throwIfAny();
        Rollout rollout = activeRollout(command.environment());
        apply(new RolloutAborted(model.name(), command.environment(), rollout.version, command.reason()));
    }

    // ---- rollbacks ----

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
        model.requireUsableVersion(restored, "be rolled back to");
        if (command.approvalRequired() && !promotions.wasEverGranted(restored, command.environment())) {
            throw new RuleViolationException("never-approved", "Version " + restored + " was never approved for "
                    + command.environment() + "; it cannot be rolled back to without a new approval.");
        }
        apply(new RolledBack(model.name(), command.environment(), rollbacks.size() + 1, restored,
                environment.champion, command.reason(), command.rolledBackBy(), command.approvalRequired()));
    }

    @CommandHandler
    public void handle(AcknowledgeRollback command) {
        Violations v = new Violations();
        v.requiredText(command.comment(), "comment", Limits.FREE_TEXT);
        v.throwIfAny();
        Rollback rollback = rollbacks.get(command.rollbackNumber());
        if (rollback == null || !rollback.emergency) {
            throw new NotFoundException("Model '" + model.name() + "' has no emergency rollback #"
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
                    model.name(), rollback.restoredVersion(), rollback.environment(),
                    Map.of("rollback", command.rollbackNumber()));
        }
        apply(new RollbackAcknowledged(model.name(), command.rollbackNumber(), command.acknowledgedBy(),
                command.comment()));
    }

    // ---- decisions' helpers ----

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

    private void update(String environment, UnaryOperator<EnvironmentState> change) {
        environments.put(environment, change.apply(environment(environment)));
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
}
