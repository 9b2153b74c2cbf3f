package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a new model family. {@code registeredBy} is the authenticated principal. */
public record RegisterModel(@TargetAggregateIdentifier String name, ModelDescription model, String registeredBy) {

    /**
     * The input rules, for a door that must check before the command can be sent: without a name the command
     * addresses no aggregate, and the caller should still learn every other broken field at once.
     */
    public static void validate(String name, ModelDescription model) {
        ModelRules.validate(name, model);
    }
}
