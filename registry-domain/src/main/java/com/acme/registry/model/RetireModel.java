package com.acme.registry.model;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param whileServing the caller knows the model still serves somewhere and retires it anyway (the environments
 *                     are then recorded with the retirement); without it, retiring a model that serves is refused
 */
public record RetireModel(@TargetAggregateIdentifier String modelName, String reason, boolean whileServing) {

    public RetireModel(String modelName, String reason) {
        this(modelName, reason, false);
    }
}
