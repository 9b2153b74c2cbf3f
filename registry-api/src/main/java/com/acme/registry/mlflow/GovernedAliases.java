package com.acme.registry.mlflow;

import com.acme.registry.axon.WriteNotYetVisibleException;
import com.acme.registry.model.ModelService;
import com.acme.registry.model.VersionView;
import com.acme.registry.promotion.Environments;
import com.acme.registry.rollout.RolloutService;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Aliases and stages: a governed one is a rollout of the environment it names, decided by the same rules as
 * {@code /api/v1} (a valid grant where the environment needs approval); every other alias is a free label.
 */
@Component
class GovernedAliases {

    /** The refusals after which asking for approval is the way on. */
    private static final Set<String> NEEDS_APPROVAL = Set.of("not-approved", "evidence-incomplete");

    private final ModelService models;
    private final RolloutService rollouts;
    private final GovernedNames governed;
    private final Environments environments;
    private final MlflowCatalog catalog;
    private final MlflowViews views;

    GovernedAliases(ModelService models, RolloutService rollouts, GovernedNames governed, Environments environments,
                    MlflowCatalog catalog, MlflowViews views) {
        this.models = models;
        this.rollouts = rollouts;
        this.governed = governed;
        this.environments = environments;
        this.catalog = catalog;
        this.views = views;
    }

    void set(String model, String alias, int version) {
        var environment = governed.environmentOfAlias(alias);
        if (environment.isPresent()) {
            makeChampion(model, environment.get(), version, "alias", alias);
            return;
        }
        MlflowCatalog.committed(() -> models.setAlias(model, alias, version));
    }

    VersionView resolve(String model, String alias) {
        var environment = governed.environmentOfAlias(alias);
        Integer version;
        if (environment.isPresent()) {
            version = views.champions(model).of(model).get(environment.get());
        } else {
            version = models.aliasVersion(model, alias).orElse(null);
        }
        if (version == null) {
            throw MlflowException.invalid("Registered model alias " + alias + " not found."
                    + (environment.isPresent() ? " Nothing serves model '" + model + "' in " + environment.get()
                    + " yet." : ""));
        }
        return catalog.requireVersion(model, version);
    }

    void delete(String model, String alias) {
        var environment = governed.environmentOfAlias(alias);
        if (environment.isPresent()) {
            throw new MlflowException(MlflowErrorCode.INVALID_STATE, "Alias '" + alias + "' is governed: it names "
                    + "what serves in " + environment.get() + ", and a champion cannot be withdrawn. Roll back (POST "
                    + "/api/v1/models/" + model + "/environments/" + environment.get() + "/rollback with a reason) or "
                    + "set the alias to another version" + (requiresApproval(environment.get()) ? " that is approved" : "")
                    + ".");
        }
        try {
            MlflowCatalog.committed(() -> models.deleteAlias(model, alias));
        } catch (NotFoundException absent) {
            // as MLflow: deleting an alias the model does not have changes nothing and succeeds
        }
    }

    /**
     * Makes {@code version} the champion of {@code environment}, as asked by setting an alias or a stage
     * ({@code kind}) named {@code name}; a refusal says why in MLflow's words and how to ask for approval.
     */
    void makeChampion(String model, String environment, int version, String kind, String name) {
        try {
            rollouts.makeChampion(model, environment, version);
        } catch (WriteNotYetVisibleException committed) {
            // committed; the read models show it within moments
        } catch (RuleViolationException e) {
            StringBuilder message = new StringBuilder(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " '"
                    + name + "' is governed: it names what serves in " + environment
                    + ", so setting it rolls version " + version + " out to all of " + environment + "'s traffic under "
                    + "the registry's rollout rules. Refused (rule " + e.rule() + "): " + e.getMessage());
            if (NEEDS_APPROVAL.contains(e.rule()) && requiresApproval(environment)) {
                message.append(" To ask for approval: POST /api/v1/models/").append(model).append("/promotions with ")
                        .append("{\"version\": ").append(version).append(", \"environment\": \"").append(environment)
                        .append("\", \"justification\": \"...\", \"validationReportUri\": \"...\"}; once risk reviewers "
                                + "other than you have approved it, set the ").append(kind).append(" again.");
            }
            throw new MlflowException(MlflowErrorCode.INVALID_STATE, message.toString());
        }
    }

    private boolean requiresApproval(String environment) {
        return environments.fromPath(environment).requiresApproval();
    }
}
