package com.acme.registry.promotion;

/** Which promotion requests to list; a null field does not filter. Names as configured and stored. */
public record PromotionFilter(String modelName, String status, String environment, String riskTier) {
}
