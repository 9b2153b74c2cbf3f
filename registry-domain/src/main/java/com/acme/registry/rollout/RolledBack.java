package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RolledBack(String modelName, String environment, int rollbackNumber, int restoredVersion, int replacedVersion,
                         String reason, String rolledBackBy, boolean emergency)
        implements RolloutEvent {
}
