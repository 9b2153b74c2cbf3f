package com.acme.registry.promotion;

/**
 * What promotion rules read of the model they belong to. The model's aggregate root owns these facts and passes
 * this view to {@link PromotionRequests}, so there is one copy of them and promotion does not depend on the model.
 */
public interface PromotableModel {

    String name();

    RiskTier riskTier();

    /** Refuses ({@code model-retired}) when the model is retired: a retired model cannot {@code action}. */
    void requireActive(String action);

    /** Refuses when the model has no such version (not found) or it is archived ({@code version-archived}). */
    void requireUsableVersion(int version, String action);

    /**
     * Refuses ({@code evidence-incomplete}) when {@code version} was registered without its artifact's digest or
     * framework and they were not supplied since.
     */
    void requireFullEvidence(int version, String action);

    /** Who registered {@code version}, which exists. */
    String registeredBy(int version);
}
