package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a version's description, allowed until the version goes up for approval. */
public record ChangeVersionDescription(@TargetAggregateIdentifier String modelName, int version, String description) {
}
