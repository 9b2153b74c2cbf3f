package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** A version's description was replaced (null: removed) before the version went up for approval. The actor is in the event's metadata. */
@Revision("1")
public record VersionDescriptionChanged(String modelName, int version, String description) implements ModelEvent {
}
