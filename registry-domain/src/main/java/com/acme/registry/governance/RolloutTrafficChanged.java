package com.acme.registry.governance;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutTrafficChanged(String modelName, String environment, int version, int trafficPercent)
        implements GovernanceEvent {
}
