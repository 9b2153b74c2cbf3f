package com.acme.registry.security;

/** What a person or a machine may do. READER is the read-only role of serving systems' API tokens. */
public enum Role {
    ML_ENGINEER, RISK_REVIEWER, COMPLIANCE, ADMIN, READER;

    /** Every role but READER: what reviews, promotions, rollbacks, the API documentation and the web UI need. */
    public static String[] people() {
        return new String[] {ML_ENGINEER.name(), RISK_REVIEWER.name(), COMPLIANCE.name(), ADMIN.name()};
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
