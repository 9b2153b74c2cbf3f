package com.acme.registry.promotion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * {@code reviewerTokens}: the actors ({@code token:NAME}) of every API token the reviewer owns or owned. Segregation of
 * duties treats what those tokens did as the reviewer's own acts.
 */
public record ApprovePromotion(@TargetAggregateIdentifier String modelName, int requestNumber, String comment,
                               String approvedBy, Set<String> reviewerTokens, Instant now) {

    public ApprovePromotion {
        reviewerTokens = Set.copyOf(reviewerTokens);
    }
}
