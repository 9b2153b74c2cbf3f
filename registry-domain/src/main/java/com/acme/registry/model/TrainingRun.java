package com.acme.registry.model;

public record TrainingRun(String id, String uri) {
}
