package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a free alias. */
public record DeleteModelAlias(@TargetAggregateIdentifier String modelName, String alias) {
}
