package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteRollout(@TargetAggregateIdentifier String modelName, String environment) {
}
