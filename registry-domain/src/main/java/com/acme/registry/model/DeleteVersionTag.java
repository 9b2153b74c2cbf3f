package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a tag set after registration. */
public record DeleteVersionTag(@TargetAggregateIdentifier String modelName, int version, String key) {
}
