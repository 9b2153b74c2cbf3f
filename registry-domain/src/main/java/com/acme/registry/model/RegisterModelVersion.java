package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register the next version of a model; answers the assigned version number. */
public record RegisterModelVersion(@TargetAggregateIdentifier String modelName, VersionEvidence evidence,
                                   String registeredBy) {

    /**
     * The input rules that need no knowledge of the model's versions (all but whether the parent exists), for a
     * door that checks before sending, so that every broken field is named at once.
     */
    public static void validate(VersionEvidence evidence) {
        VersionRules.validate(evidence, null, Integer.MAX_VALUE);
    }
}
