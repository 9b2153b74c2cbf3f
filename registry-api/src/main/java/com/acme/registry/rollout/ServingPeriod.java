package com.acme.registry.rollout;

import java.time.Instant;

/**
 * One traffic split of a model in an environment and how long it held: {@code to} is null for the split serving
 * now. A version is null where no version held that role.
 */
public record ServingPeriod(Instant from, Instant to, Integer championVersion, int championPercent,
                            Integer candidateVersion, int candidatePercent) {
}
