package com.acme.registry.model;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ModelVersionArchived(String modelName, int version, String reason) implements ModelEvent {
}
