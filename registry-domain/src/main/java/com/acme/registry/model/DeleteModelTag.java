package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a model's tag. */
public record DeleteModelTag(@TargetAggregateIdentifier String modelName, String key) {
}
