package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a model's tag; setting the value it has changes nothing. */
public record SetModelTag(@TargetAggregateIdentifier String modelName, String key, String value) {
}
