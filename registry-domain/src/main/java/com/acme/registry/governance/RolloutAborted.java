package com.acme.registry.governance;

import org.axonframework.serialization.Revision;

@Revision("1")
public record RolloutAborted(String modelName, String environment, int version, String reason)
        implements GovernanceEvent {
}
