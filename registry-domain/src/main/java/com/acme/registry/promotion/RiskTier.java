package com.acme.registry.promotion;

/** How much harm a wrong decision of the model can do; a credit-decisioning model is HIGH. */
public enum RiskTier {
    HIGH, MEDIUM, LOW
}
