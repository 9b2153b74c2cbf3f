package com.acme.registry.governance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteRollout(@TargetAggregateIdentifier String modelName, String environment) {
}
