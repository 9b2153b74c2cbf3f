package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put the previous champion of {@code environment} back. */
public record RollBack(@TargetAggregateIdentifier String modelName, String environment, String reason,
                       boolean approvalRequired, String rolledBackBy) {
}
