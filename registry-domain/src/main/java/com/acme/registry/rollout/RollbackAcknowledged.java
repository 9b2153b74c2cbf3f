package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RollbackAcknowledged(String modelName, int rollbackNumber, String acknowledgedBy, String comment)
        implements RolloutEvent {
}
