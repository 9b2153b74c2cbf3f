package com.acme.registry.governance;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcknowledgeRollback(@TargetAggregateIdentifier String modelName, int rollbackNumber, String comment,
                                  String acknowledgedBy) {
}
