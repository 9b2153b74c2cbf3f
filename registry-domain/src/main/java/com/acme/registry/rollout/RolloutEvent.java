package com.acme.registry.rollout;

/**
 * Events of what serves where: rollouts, rollbacks and their acknowledgement. Class names, package and JSON shape
 * are stored data: events written before this package existed carry the type names of
 * {@code com.acme.registry.governance}, which the event store's upcaster maps here.
 */
public sealed interface RolloutEvent permits RolloutStarted, RolloutTrafficChanged, RolloutCompleted, RolloutAborted,
        RolledBack, RollbackAcknowledged {

    String modelName();
}
