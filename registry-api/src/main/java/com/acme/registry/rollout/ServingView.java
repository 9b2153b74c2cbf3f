package com.acme.registry.rollout;

import com.acme.registry.promotion.PromotionView;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * What serves model M in environment E: the champion and the rollout candidate with their traffic split, or
 * nothing. With {@code asOf}, the state at that instant and the approvals each version had then.
 * {@code unassignedTrafficPercent} is present when the slots serve less than 100 %: a first rollout into an
 * environment without a champion, below 100 %. No registered version serves that share (docs/reliability-rules.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingView(String modelName, String environment, Instant asOf, boolean serving, Slot champion,
                          Slot candidate) {

    /** The share of traffic no registered version serves; null when the slots serve all of it or nothing serves. */
    @JsonProperty(value = "unassignedTrafficPercent", access = JsonProperty.Access.READ_ONLY)
    public Integer unassignedTrafficPercent() {
        if (!serving) {
            return null;
        }
        int served = (champion == null ? 0 : champion.trafficPercent()) + (candidate == null ? 0 : candidate.trafficPercent());
        return served >= 100 ? null : 100 - served;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Slot(int version, String artifactUri, String artifactDigest, int trafficPercent, Instant since,
                       Integer requestNumber, List<PromotionView> grants) {
    }
}
