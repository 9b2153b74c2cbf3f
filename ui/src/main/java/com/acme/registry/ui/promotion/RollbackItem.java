package com.acme.registry.ui.promotion;

import com.acme.registry.rollout.RollbackView;

/** An emergency rollback waiting for a reviewer's acknowledgement; never by the one who performed it. */
public record RollbackItem(RollbackView rollback, boolean performedByViewer) {

    public String key() {
        return rollback.modelName() + "-" + rollback.rollbackNumber();
    }

    public String acknowledgeQuestion() {
        return "Acknowledge emergency rollback #" + rollback.rollbackNumber() + " of " + rollback.modelName()
                + " in " + rollback.environment() + " (v" + rollback.replacedVersion() + " back to v"
                + rollback.restoredVersion() + ")? It will no longer be flagged in the compliance views.";
    }
}
