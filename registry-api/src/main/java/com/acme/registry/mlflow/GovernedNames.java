package com.acme.registry.mlflow;

import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MLflow's aliases and stages that name a governed environment. Setting one is a rollout there; reading one answers
 * the environment's champion. Every other alias is a free label.
 */
@Component
class GovernedNames {

    static final String NONE = "None";
    static final String ARCHIVED = "Archived";

    /** lower-case alias → environment */
    private final Map<String, String> aliases = new LinkedHashMap<>();
    /** lower-case stage → environment, and environment → stage as MLflow spells it */
    private final Map<String, String> stageEnvironments = new LinkedHashMap<>();
    private final Map<String, String> environmentStages = new LinkedHashMap<>();

    GovernedNames(MlflowProperties properties, Environments environments) {
        GovernanceProperties governance = environments.properties();
        Map<String, String> configuredAliases = properties.governedAliases();
        if (configuredAliases.isEmpty()) {
            governance.environments().forEach(e -> aliases.put(e.name().toLowerCase(Locale.ROOT), e.name()));
        } else {
            configuredAliases.forEach((alias, env) -> aliases.put(alias.toLowerCase(Locale.ROOT), known(governance, env)));
        }
        Map<String, String> stages = properties.stages();
        if (stages.isEmpty()) {
            stages = new LinkedHashMap<>();
            for (String env : new String[]{"staging", "production"}) {
                if (governance.environment(env).isPresent()) {
                    stages.put(Character.toUpperCase(env.charAt(0)) + env.substring(1), env);
                }
            }
        }
        stages.forEach((stage, env) -> {
            if (stage.equalsIgnoreCase(NONE) || stage.equalsIgnoreCase(ARCHIVED)) {
                throw new IllegalStateException("registry.mlflow.stages: '" + stage + "' is not an environment's stage");
            }
            stageEnvironments.put(stage.toLowerCase(Locale.ROOT), known(governance, env));
        });
        // in the environments' configured order, so that the last is the highest
        for (GovernanceProperties.Environment env : governance.environments()) {
            stages.forEach((stage, name) -> {
                if (name.equals(env.name())) {
                    environmentStages.put(name, stage);
                }
            });
        }
    }

    private static String known(GovernanceProperties governance, String env) {
        if (governance.environment(env).isEmpty()) {
            throw new IllegalStateException("registry.mlflow: '" + env + "' is not a configured environment ("
                    + "registry.governance.environments)");
        }
        return env;
    }

    /** The environment a governed alias names. */
    Optional<String> environmentOfAlias(String alias) {
        return Optional.ofNullable(alias == null ? null : aliases.get(alias.toLowerCase(Locale.ROOT)));
    }

    /** alias → environment of every governed alias, as configured. */
    Map<String, String> aliases() {
        return aliases;
    }

    /** The environment of a stage, empty for None and Archived; an unknown stage is refused. */
    Optional<String> environmentOfStage(String stage) {
        if (stage.equalsIgnoreCase(NONE) || stage.equalsIgnoreCase(ARCHIVED)) {
            return Optional.empty();
        }
        String env = stageEnvironments.get(stage.toLowerCase(Locale.ROOT));
        if (env == null) {
            throw MlflowException.invalid("Invalid Model Version stage: " + stage + ". Value must be one of "
                    + String.join(", ", allStages()) + ".");
        }
        return Optional.of(env);
    }

    /** The stage name of an environment, if it has one. */
    Optional<String> stageOf(String environment) {
        return Optional.ofNullable(environmentStages.get(environment));
    }

    /** MLflow's canonical spelling of a stage given in any case. */
    String canonicalStage(String stage) {
        if (stage.equalsIgnoreCase(NONE)) {
            return NONE;
        }
        if (stage.equalsIgnoreCase(ARCHIVED)) {
            return ARCHIVED;
        }
        return environmentStages.get(environmentOfStage(stage).orElseThrow());
    }

    /** Every stage, in MLflow's order: None, the environments' stages, Archived. */
    java.util.List<String> allStages() {
        java.util.List<String> all = new java.util.ArrayList<>();
        all.add(NONE);
        all.addAll(environmentStages.values());
        all.add(ARCHIVED);
        return all;
    }

    /** The environments with a stage, highest first (the stage a version shows when it serves in several). */
    java.util.List<String> stagedEnvironmentsHighestFirst() {
        java.util.List<String> envs = new java.util.ArrayList<>(environmentStages.keySet());
        java.util.Collections.reverse(envs);
        return envs;
    }
}
