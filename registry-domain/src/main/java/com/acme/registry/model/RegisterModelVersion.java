package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register the next version of a model; answers the assigned version number. */
public record RegisterModelVersion(@TargetAggregateIdentifier String modelName, VersionEvidence evidence,
                                   String registeredBy) {
}
