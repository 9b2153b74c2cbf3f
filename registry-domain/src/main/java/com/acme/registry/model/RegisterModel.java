package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a new model family. {@code registeredBy} is the authenticated principal. */
public record RegisterModel(@TargetAggregateIdentifier String name, ModelDescription model, String registeredBy) {
}
