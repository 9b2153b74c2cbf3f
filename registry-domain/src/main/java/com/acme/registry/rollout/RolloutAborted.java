package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutAborted(String modelName, String environment, int version, String reason)
        implements RolloutEvent {
}
