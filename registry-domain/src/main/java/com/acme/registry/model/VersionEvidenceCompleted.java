package com.acme.registry.model;

import org.axonframework.serialization.Revision;

/** Evidence a version was registered without was supplied: each field once, never changed after (null: not supplied by this event). The actor is in the event's metadata. */
@Revision("1")
public record VersionEvidenceCompleted(String modelName, int version, String artifactDigest, String framework) implements ModelEvent {
}
