package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register the next version of a model; answers the assigned version number.
 *
 * @param fullEvidenceRequired false lets the artifact's digest and framework be missing (MLflow's client sends
 *                             neither); such a version cannot be requested for an environment that needs approval
 *                             until {@link CompleteVersionEvidence} supplies them
 */
public record RegisterModelVersion(@TargetAggregateIdentifier String modelName, VersionEvidence evidence,
                                   String registeredBy, boolean fullEvidenceRequired) {

    public RegisterModelVersion(String modelName, VersionEvidence evidence, String registeredBy) {
        this(modelName, evidence, registeredBy, true);
    }

    /**
     * The input rules that need no knowledge of the model's versions (all but whether the parent exists), for a
     * door that checks before sending, so that every broken field is named at once.
     */
    public static void validate(VersionEvidence evidence) {
        validate(evidence, true);
    }

    public static void validate(VersionEvidence evidence, boolean fullEvidenceRequired) {
        VersionRules.validate(evidence, null, Integer.MAX_VALUE, fullEvidenceRequired);
    }
}
