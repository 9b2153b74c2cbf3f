package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Roll a version out to all of an environment's traffic and complete the rollout, in one decision: the same rules
 * and the same events as {@link StartRollout} at 100 % followed by {@link CompleteRollout}, with nothing in between.
 * For doors that set what serves in one step (MLflow's governed aliases and stages). Making the champion champion
 * again changes nothing.
 */
public record MakeChampion(@TargetAggregateIdentifier String modelName, String environment, int version,
                           boolean approvalRequired, Instant now) {
}
