package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeRolloutTraffic(@TargetAggregateIdentifier String modelName, String environment,
                                   int trafficPercent) {
}
