package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A model's description was replaced (null: removed). The actor is in the event's metadata. */
@Revision("1")
public record ModelDescriptionChanged(String modelName, String description) implements ModelEvent {
}
