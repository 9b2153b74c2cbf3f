package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A model's tag was set (added or given a new value). The actor is in the event's metadata. */
@Revision("1")
public record ModelTagSet(String modelName, String key, String value) implements ModelEvent {
}
