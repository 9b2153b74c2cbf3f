package com.acme.registry.rollout;

import com.acme.registry.axon.CommandSender;
import com.acme.registry.identity.ApiTokens;
import com.acme.registry.model.ModelService;
import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import com.acme.registry.rollout.RollbackView;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.Violations;
import com.acme.registry.web.InstantParameter;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one door to what serves where, for the API, the UI and the demo data: rollouts, traffic changes, rollbacks
 * and their acknowledgements. It builds each command (the environment's approval rule from configuration, the
 * clock, the reviewer's API tokens), sends it, waits until the read models show it, and answers the reads. The
 * model's aggregate judges every rule; the acting person is the caller's authenticated principal, passed by name.
 * Environments are named as in a path: an unknown one is not found.
 */
@Service
public class RolloutService {

    private final CommandSender commands;
    private final ServingQueries serving;
    private final RolloutHistory history;
    private final RollbackQueries rollbackQueries;
    private final Environments environments;
    private final ModelService models;
    private final ApiTokens tokens;

    RolloutService(CommandSender commands, ServingQueries serving, RolloutHistory history,
                   RollbackQueries rollbackQueries, Environments environments, ModelService models,
                   ApiTokens tokens) {
        this.commands = commands;
        this.serving = serving;
        this.history = history;
        this.rollbackQueries = rollbackQueries;
        this.environments = environments;
        this.models = models;
        this.tokens = tokens;
    }

    // ---- what serves ----

    /** What serves the model in every configured environment, in configured order. */
    public List<ServingView> everywhere(String model) {
        models.requireModel(model);
        return environments.properties().environments().stream().map(e -> state(model, e.name(), null)).toList();
    }

    /**
     * What serves now; with {@code asOf} (an instant or a date, as {@link InstantParameter} reads it), what served
     * then and the approvals each version had.
     */
    public ServingView state(String model, String environment, String asOf) {
        String env = environments.fromPath(environment).name();
        Instant at = InstantParameter.pointInTime("asOf", asOf);
        if (at != null) {
            models.requireModel(model);
            return serving.asOf(model, env, at);
        }
        return serving.current(model, env).orElseGet(() -> {
            models.requireModel(model);
            return notServing(model, env);
        });
    }

    /** The hot path, for a configured environment name; empty when nothing ever served there. */
    public Optional<ServingView> current(String model, String environment) {
        return serving.current(model, environment);
    }

    /** Like {@link #current}, a state that serves nothing where nothing ever served. */
    public ServingView currentOrNothing(String model, String environment) {
        return serving.current(model, environment).orElseGet(() -> notServing(model, environment));
    }

    /** model → environment → what serves now, for a page of models; what never served has no entry. */
    public Map<String, Map<String, ServingView>> currentOf(List<String> models) {
        return serving.currentOf(models);
    }

    /** The traffic splits one environment of a model went through, oldest first. */
    public List<ServingPeriod> trafficHistory(String model, String environment) {
        return serving.periods(model, environment);
    }

    /** Who started, changed, completed, aborted and rolled back what in one environment, from the audit trail. */
    public RolloutTimeline history(String model, String environment) {
        return history.of(model, environment);
    }

    // ---- rollouts ----

    /** Starts a rollout; where the environment needs approval, the aggregate requires a granted, unexpired request. */
    public ServingView start(String model, String environment, Integer version, Integer trafficPercent) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        Violations missing = new Violations();
        missing.check(version != null, "version", "is required");
        missing.check(trafficPercent != null, "trafficPercent", "is required: 1 to 100");
        missing.throwIfAny();
        commands.send(model, new StartRollout(model, env.name(), version, trafficPercent, env.requiresApproval(),
                Instant.now()));
        return state(model, env.name(), null);
    }

    /**
     * Makes {@code version} the environment's champion in one decision (a rollout at 100 % and its completion), for
     * doors that set what serves in one step. Answers whether anything changed: making the champion champion again
     * does not. {@code environment} is a configured environment's name.
     */
    public boolean makeChampion(String model, String environment, int version) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        return commands.send(model, new MakeChampion(model, env.name(), version, env.requiresApproval(),
                Instant.now()));
    }

    /** The same share as now is accepted and changes nothing (the aggregate records no event). */
    public ServingView changeTraffic(String model, String environment, Integer trafficPercent) {
        String env = environments.fromPath(environment).name();
        if (trafficPercent == null) {
            throw InvalidInputException.of("trafficPercent", "is required: 1 to 100");
        }
        commands.send(model, new ChangeRolloutTraffic(model, env, trafficPercent));
        return state(model, env, null);
    }

    public ServingView complete(String model, String environment) {
        String env = environments.fromPath(environment).name();
        commands.send(model, new CompleteRollout(model, env));
        return state(model, env, null);
    }

    public ServingView abort(String model, String environment, String reason) {
        String env = environments.fromPath(environment).name();
        commands.send(model, new AbortRollout(model, env, reason));
        return state(model, env, null);
    }

    // ---- rollbacks ----

    /** Where the environment needs approval this is an emergency rollback, flagged until a reviewer acknowledges it. */
    public ServingView rollBack(String model, String environment, String reason, String engineer) {
        GovernanceProperties.Environment env = environments.fromPath(environment);
        commands.send(model, new RollBack(model, env.name(), reason, env.requiresApproval(), engineer));
        return state(model, env.name(), null);
    }

    /** A reviewer acknowledges an emergency rollback; the API tokens they own count as themselves. */
    public RollbackView acknowledge(String model, int number, String comment, String reviewer) {
        commands.send(model, new AcknowledgeRollback(model, number, comment, reviewer,
                tokens.actorsOwnedBy(reviewer)));
        return rollback(model, number);
    }

    public RollbackView rollback(String model, int number) {
        return rollbackQueries.rollback(model, number).orElseThrow(() ->
                new NotFoundException("Model '" + model + "' has no rollback #" + number + "."));
    }

    /** Rollbacks of all models, oldest first; {@code flagged}: only emergency ones not yet acknowledged, or only others. */
    public Page<RollbackView> rollbacks(Boolean flagged, PageRequest page) {
        return rollbackQueries.rollbacks(null, flagged, page);
    }

    public Page<RollbackView> rollbacksOf(String model, Boolean flagged, PageRequest page) {
        models.requireModel(model);
        return rollbackQueries.rollbacks(model, flagged, page);
    }

    private static ServingView notServing(String model, String environment) {
        return new ServingView(model, environment, null, false, null, null);
    }
}
