package com.acme.registry.promotion;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PromotionApproved(String modelName, int requestNumber, String approvedBy, String comment, int approvals)
        implements PromotionEvent {
}
