package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ArchiveModelVersion(@TargetAggregateIdentifier String modelName, int version, String reason) {
}
