package com.acme.registry.rollout;


import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutCompleted(String modelName, String environment, int version, Integer previousChampion)
        implements RolloutEvent {
}
