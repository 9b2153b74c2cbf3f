package com.acme.registry.web;

/** Body of retirement and archival: why. */
public record Reason(String reason) {
}
