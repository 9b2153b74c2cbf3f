package com.acme.registry.model;

/** Where the training code lives: repository and commit SHA. */
public record SourceRef(String repository, String commit) {
}
