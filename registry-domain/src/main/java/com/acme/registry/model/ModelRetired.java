package com.acme.registry.model;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ModelRetired(String modelName, String reason) implements ModelEvent {
}
