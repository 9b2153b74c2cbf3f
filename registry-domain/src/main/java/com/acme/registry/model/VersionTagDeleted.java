package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A tag set after registration was removed from a version. The actor is in the event's metadata. */
@Revision("1")
public record VersionTagDeleted(String modelName, int version, String key) implements ModelEvent {
}
