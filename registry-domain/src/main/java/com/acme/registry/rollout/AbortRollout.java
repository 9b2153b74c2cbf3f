package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AbortRollout(@TargetAggregateIdentifier String modelName, String environment, String reason) {
}
