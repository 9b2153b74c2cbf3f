package com.acme.registry.ui.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/** One audit record of a model as its history shows it: who did what to which version, when and why. */
public record TimelineEntry(long sequence, Instant recordedAt, String actor, String action, Integer version,
                            String environment, String reason, String summary) {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("ModelRegistered", "Model registered"),
            Map.entry("ModelRetired", "Model retired"),
            Map.entry("ModelVersionRegistered", "Version registered"),
            Map.entry("ModelVersionArchived", "Version archived"),
            Map.entry("PromotionRequested", "Promotion requested"),
            Map.entry("PromotionApproved", "Approved"),
            Map.entry("PromotionRejected", "Rejected"),
            Map.entry("PromotionGranted", "Promotion granted"),
            Map.entry("RolloutStarted", "Rollout started"),
            Map.entry("RolloutTrafficChanged", "Traffic changed"),
            Map.entry("RolloutCompleted", "Rollout completed"),
            Map.entry("RolloutAborted", "Rollout aborted"),
            Map.entry("RolledBack", "Rolled back"),
            Map.entry("RollbackAcknowledged", "Rollback acknowledged"));

    /** "PromotionRequested" → "Promotion requested"; unknown actions are split at their capitals. */
    public String label() {
        String known = LABELS.get(action);
        if (known != null) {
            return known;
        }
        String words = action.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? action : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** A class for the timeline marker: approvals green, rejections and rollbacks red. */
    public String tone() {
        return switch (action) {
            case "PromotionApproved", "PromotionGranted", "RolloutCompleted" -> "good";
            case "PromotionRejected", "RolledBack", "RolloutAborted", "ModelRetired", "ModelVersionArchived" -> "bad";
            default -> "plain";
        };
    }
}
