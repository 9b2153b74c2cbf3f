package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutStarted(String modelName, String environment, int version, int trafficPercent, Integer requestNumber,
                             Integer champion)
        implements RolloutEvent {
}
