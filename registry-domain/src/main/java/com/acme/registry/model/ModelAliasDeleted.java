package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A free alias no longer names the version it named, removed or because that version was archived. The actor is in the event's metadata. */
@Revision("1")
public record ModelAliasDeleted(String modelName, String alias, int version) implements ModelEvent {
}
