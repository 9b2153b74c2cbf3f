package com.acme.registry.ui.promotion;

/** What the reviewer filters the queue by; null means any. */
public record QueueFilter(String riskTier, String environment) {

    public boolean any() {
        return riskTier != null || environment != null;
    }
}
