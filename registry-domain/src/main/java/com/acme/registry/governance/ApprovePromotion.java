package com.acme.registry.governance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record ApprovePromotion(@TargetAggregateIdentifier String modelName, int requestNumber, String comment,
                               String approvedBy, Instant now) {
}
