package com.acme.registry.security;

/** What a person or a machine may do. READER is the read-only role of serving systems' API tokens. */
public enum Role {
    ML_ENGINEER, RISK_REVIEWER, COMPLIANCE, ADMIN, READER;

    public String authority() {
        return "ROLE_" + name();
    }
}
