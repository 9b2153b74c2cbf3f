package com.acme.registry.model;

public record SignatureField(String name, String type) {
}
