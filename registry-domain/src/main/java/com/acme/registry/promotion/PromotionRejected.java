package com.acme.registry.promotion;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PromotionRejected(String modelName, int requestNumber, String rejectedBy, String reason)
        implements PromotionEvent {
}
