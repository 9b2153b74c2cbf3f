package com.acme.registry.governance;

/** Events of promotion, review and rollout. Class names, package and JSON shape are stored data. */
public sealed interface GovernanceEvent permits PromotionRequested, PromotionApproved, PromotionGranted,
        PromotionRejected, RolloutStarted, RolloutTrafficChanged, RolloutCompleted, RolloutAborted, RolledBack,
        RollbackAcknowledged {

    String modelName();
}
