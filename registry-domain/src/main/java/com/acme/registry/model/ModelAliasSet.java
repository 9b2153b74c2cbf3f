package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A free alias (a label, not a governed environment) now names a version. The actor is in the event's metadata. */
@Revision("1")
public record ModelAliasSet(String modelName, String alias, int version) implements ModelEvent {
}
