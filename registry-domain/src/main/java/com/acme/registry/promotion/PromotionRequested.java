package com.acme.registry.promotion;

import org.axonframework.serialization.Revision;

@Revision("1")
public record PromotionRequested(String modelName, int requestNumber, int version, String environment, String justification,
                                 String validationReportUri, String requestedBy, PolicyInForce policy)
        implements PromotionEvent {
}
