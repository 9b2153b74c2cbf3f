package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set a tag beside a version's evidence; a tag of the registered evidence cannot be changed. */
public record SetVersionTag(@TargetAggregateIdentifier String modelName, int version, String key, String value) {
}
