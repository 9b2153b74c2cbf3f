package com.acme.registry.rollout;

import com.acme.registry.audit.AuditFilter;
import com.acme.registry.audit.AuditQueries;
import com.acme.registry.audit.AuditRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * The rollouts and rollbacks of one (model, environment) from the audit trail, which keeps who did each and why.
 * Replaying completions and rollbacks in order also gives the champion a rollback would restore, the same way
 * the model's aggregate keeps it.
 */
@Component
class RolloutHistory {

    private static final Set<String> ACTIONS = Set.of("RolloutStarted", "RolloutTrafficChanged", "RolloutCompleted",
            "RolloutAborted", "RolledBack");

    private final AuditQueries audit;
    private final JsonMapper json;

    RolloutHistory(AuditQueries audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    RolloutTimeline of(String model, String environment) {
        List<RolloutTimeline.Entry> events = new ArrayList<>();
        Deque<Integer> pastChampions = new ArrayDeque<>();
        audit.stream(new AuditFilter(model, null, null, null, null), record -> {
            if (!environment.equals(record.environment()) || !ACTIONS.contains(record.action())) {
                return;
            }
            JsonNode details = json.readTree(record.details());
            switch (record.action()) {
                case "RolloutCompleted" -> {
                    if (details.path("previousChampion").isNumber()) {
                        pastChampions.push(details.path("previousChampion").intValue());
                    }
                }
                case "RolledBack" -> {
                    if (!pastChampions.isEmpty()) {
                        pastChampions.pop();
                    }
                }
                default -> {
                }
            }
            events.add(event(record, details));
        });
        Collections.reverse(events);
        return new RolloutTimeline(List.copyOf(events), pastChampions.peek());
    }

    private static RolloutTimeline.Entry event(AuditRecord record, JsonNode d) {
        int version = d.path("version").asInt();
        String summary = switch (record.action()) {
            case "RolloutStarted" -> "Started rollout of v" + version + " at " + d.path("trafficPercent").asInt() + "%"
                    + (d.path("requestNumber").isNumber() ? " (request #" + d.path("requestNumber").asInt() + ")" : "")
                    + (d.path("champion").isNumber() ? " beside champion v" + d.path("champion").asInt() : "");
            case "RolloutTrafficChanged" -> "Set v" + version + " to " + d.path("trafficPercent").asInt()
                    + "% of traffic";
            case "RolloutCompleted" -> "Completed rollout: v" + version + " became champion"
                    + (d.path("previousChampion").isNumber() ? ", replacing v" + d.path("previousChampion").asInt() : "");
            case "RolloutAborted" -> "Aborted rollout of v" + version + "; all traffic back to the champion";
            case "RolledBack" -> (d.path("emergency").asBoolean() ? "Emergency rollback" : "Rollback") + " from v"
                    + d.path("replacedVersion").asInt() + " to v" + d.path("restoredVersion").asInt()
                    + " (rollback #" + d.path("rollbackNumber").asInt() + ")";
            default -> record.action();
        };
        String reason = "RolloutAborted".equals(record.action()) || "RolledBack".equals(record.action())
                ? record.reason() : null;
        return new RolloutTimeline.Entry(record.recordedAt(), record.actor(), record.action(), summary, reason,
                d.path("emergency").asBoolean());
    }
}
