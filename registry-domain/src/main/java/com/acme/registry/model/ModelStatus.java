package com.acme.registry.model;

public enum ModelStatus {
    ACTIVE, RETIRED
}
