package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record StartRollout(@TargetAggregateIdentifier String modelName, String environment, int version,
                           int trafficPercent, boolean approvalRequired, Instant now) {
}
