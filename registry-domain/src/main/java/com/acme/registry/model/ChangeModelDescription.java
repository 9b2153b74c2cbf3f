package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a model's description (null or blank removes it). */
public record ChangeModelDescription(@TargetAggregateIdentifier String modelName, String description) {
}
