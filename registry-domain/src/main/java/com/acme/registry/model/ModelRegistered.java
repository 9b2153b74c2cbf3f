package com.acme.registry.model;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ModelRegistered(String modelName, ModelDescription model, String registeredBy) implements ModelEvent {
}
