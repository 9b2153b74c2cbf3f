package com.acme.registry.identity;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a person or a machine may do. READER is the read-only role of serving systems' API tokens.
 * Approving, rejecting, acknowledging and administering are acts of a person: an API token may hold only the
 * machine roles (READER, and ML_ENGINEER for pipelines).
 */
public enum Role {
    ML_ENGINEER, RISK_REVIEWER, COMPLIANCE, ADMIN, READER;

    /** The roles an API token may hold. */
    public static final Set<Role> MACHINE_ROLES = EnumSet.of(READER, ML_ENGINEER);

    /** Every role but READER: what reviews, promotions, rollbacks, the API documentation and the web UI need. */
    public static String[] people() {
        return new String[] {ML_ENGINEER.name(), RISK_REVIEWER.name(), COMPLIANCE.name(), ADMIN.name()};
    }

    public String authority() {
        return "ROLE_" + name();
    }

    public boolean machineRole() {
        return MACHINE_ROLES.contains(this);
    }
}
