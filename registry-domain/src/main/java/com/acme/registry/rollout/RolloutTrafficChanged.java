package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutTrafficChanged(String modelName, String environment, int version, int trafficPercent)
        implements RolloutEvent {
}
