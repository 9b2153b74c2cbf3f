package com.acme.registry.ui.model;

import com.acme.registry.compliance.HistoryEntry;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** The record as a person scans it, its details summed up. */
    static TimelineEntry of(HistoryEntry record) {
        return new TimelineEntry(record.sequence(), record.recordedAt(), record.actor(), record.action(),
                record.version(), record.environment(), record.reason(), summary(record.details()));
    }

    /** The numbers a person scans for: which request, how much traffic, whether it was an emergency. */
    private static String summary(JsonNode details) {
        List<String> parts = new ArrayList<>();
        Integer request = integer(details, "requestNumber");
        if (request != null) {
            parts.add("request #" + request);
        }
        Integer traffic = integer(details, "trafficPercent");
        if (traffic != null) {
            parts.add(traffic + "% traffic");
        }
        Integer replaced = integer(details, "replacedVersion");
        if (replaced != null) {
            parts.add("replaced v" + replaced);
        }
        Integer previous = integer(details, "previousChampion");
        if (previous != null) {
            parts.add("previous champion v" + previous);
        }
        if (details != null && details.path("emergency").asBoolean(false)) {
            parts.add("emergency");
        }
        return String.join(" · ", parts);
    }

    private static Integer integer(JsonNode details, String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }

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
