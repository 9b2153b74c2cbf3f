package com.acme.registry.rollout;

import java.time.Instant;
import java.util.List;

/**
 * The rollouts and rollbacks of one (model, environment), newest first, with who did each and why; and the
 * version a rollback would bring back (null when there is none).
 */
public record RolloutTimeline(List<Entry> events, Integer rollbackTarget) {

    /** One change of what serves. */
    public record Entry(Instant at, String actor, String action, String summary, String reason, boolean emergency) {
    }
}
