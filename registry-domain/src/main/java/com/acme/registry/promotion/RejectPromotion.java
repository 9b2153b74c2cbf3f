package com.acme.registry.promotion;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectPromotion(@TargetAggregateIdentifier String modelName, int requestNumber, String reason,
                              String rejectedBy) {
}
