package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Point a free alias at a version (governed aliases are rollouts, not this). */
public record SetModelAlias(@TargetAggregateIdentifier String modelName, String alias, int version) {
}
