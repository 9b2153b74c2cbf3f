package com.acme.registry.promotion;

/**
 * Events of promotion requests and their reviews. Class names, package and JSON shape are stored data: events
 * written before this package existed carry the type names of {@code com.acme.registry.governance}, which the
 * event store's upcaster maps here.
 */
public sealed interface PromotionEvent permits PromotionRequested, PromotionApproved, PromotionGranted,
        PromotionRejected {

    String modelName();
}
