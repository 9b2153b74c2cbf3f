package com.acme.registry.model;

/** A dataset a version was trained, validated or tested on; role is training, validation or test. */
public record DatasetRef(String name, String version, String uri, String digest, String role) {
}
