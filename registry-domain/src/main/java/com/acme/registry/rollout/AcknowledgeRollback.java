package com.acme.registry.rollout;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Set;

/**
 * {@code reviewerTokens}: the actors ({@code token:NAME}) of every API token the reviewer owns or owned. Segregation of
 * duties treats what those tokens did as the reviewer's own acts.
 */
public record AcknowledgeRollback(@TargetAggregateIdentifier String modelName, int rollbackNumber, String comment,
                                  String acknowledgedBy, Set<String> reviewerTokens) {

    public AcknowledgeRollback {
        reviewerTokens = Set.copyOf(reviewerTokens);
    }
}
