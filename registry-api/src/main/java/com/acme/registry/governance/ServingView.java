package com.acme.registry.governance;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * What serves model M in environment E: the champion and the rollout candidate with their traffic split, or
 * nothing. With {@code asOf}, the state at that instant and the approvals each version had then.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingView(String modelName, String environment, Instant asOf, boolean serving, Slot champion,
                          Slot candidate) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slot(int version, String artifactUri, String artifactDigest, int trafficPercent, Instant since,
                       Integer requestNumber, List<PromotionView> grants) {
    }
}
