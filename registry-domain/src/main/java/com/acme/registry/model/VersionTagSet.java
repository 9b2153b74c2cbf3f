package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A tag beside a version's registered evidence was set; the evidence's own tags never change. The actor is in the event's metadata. */
@Revision("1")
public record VersionTagSet(String modelName, int version, String key, String value) implements ModelEvent {
}
