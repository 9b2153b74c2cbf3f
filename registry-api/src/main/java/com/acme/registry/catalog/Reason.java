package com.acme.registry.catalog;

/** Body of retirement and archival: why. */
public record Reason(String reason) {
}
