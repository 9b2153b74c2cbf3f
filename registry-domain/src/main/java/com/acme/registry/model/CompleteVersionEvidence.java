package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Supply evidence a version was registered without; either field may be null (not supplied now). */
public record CompleteVersionEvidence(@TargetAggregateIdentifier String modelName, int version, String artifactDigest, String framework) {
}
