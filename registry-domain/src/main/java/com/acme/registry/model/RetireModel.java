package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetireModel(@TargetAggregateIdentifier String modelName, String reason) {
}
