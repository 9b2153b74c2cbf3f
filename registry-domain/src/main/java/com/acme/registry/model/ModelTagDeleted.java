package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A model's tag was removed. The actor is in the event's metadata. */
@Revision("1")
public record ModelTagDeleted(String modelName, String key) implements ModelEvent {
}
