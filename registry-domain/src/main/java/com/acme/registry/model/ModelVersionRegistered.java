package com.acme.registry.model;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ModelVersionRegistered(String modelName, int version, VersionEvidence evidence, String registeredBy)
        implements ModelEvent {
}
