package com.acme.registry.promotion;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PromotionGranted(String modelName, int requestNumber, int version, String environment, Instant validUntil)
        implements PromotionEvent {
}
