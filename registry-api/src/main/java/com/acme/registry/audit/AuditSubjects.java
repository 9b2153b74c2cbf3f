package com.acme.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The version and environment an event concerns when it names them only through a number: an approval or a
 * rejection names its promotion request, an acknowledgement its rollback (the events' shapes stay as stored).
 * Found in the audit record of the event that opened the request or did the rollback, which precedes it in the
 * log: first among the records of the batch not inserted yet, else in the stored log. No lookup table: the log
 * already holds the facts, also in stores written before this was added.
 */
@Component
public class AuditSubjects {

    record Subject(Integer version, String environment) {
    }

    /** action → (the action that opened the subject, the number field they share). */
    private static final Map<String, Source> SOURCES = Map.of(
            "PromotionApproved", new Source("PromotionRequested", "requestNumber"),
            "PromotionRejected", new Source("PromotionRequested", "requestNumber"),
            "RollbackAcknowledged", new Source("RolledBack", "rollbackNumber"));

    private record Source(String action, String numberField) {
    }

    private static final int RECENT = 20;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditSubjects(JdbcTemplate jdbc, @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Null when {@code action} names no subject by number, or the opening record is not found. */
    Subject of(String action, String model, JsonNode details, List<AuditEntry> pending) {
        Source source = SOURCES.get(action);
        if (source == null || model == null || !details.path(source.numberField()).canConvertToInt()) {
            return null;
        }
        int number = details.path(source.numberField()).intValue();
        if (pending != null) {
            for (int i = pending.size() - 1; i >= 0; i--) {
                AuditEntry entry = pending.get(i);
                if (entry.action().equals(source.action()) && model.equals(entry.model())
                        && number == number(entry.details(), source.numberField())) {
                    return new Subject(entry.version(), entry.environment());
                }
            }
        }
        // the opening record is nearly always among the model's latest; read all of them only when it is not
        Subject found = stored(model, source, number, RECENT);
        return found != null ? found : stored(model, source, number, Integer.MAX_VALUE);
    }

    private Subject stored(String model, Source source, int number, int limit) {
        List<Map<String, Object>> opened = jdbc.queryForList("""
                SELECT version, environment, details FROM audit_record
                WHERE model = ? AND action = ? ORDER BY sequence DESC LIMIT ?""", model, source.action(), limit);
        for (Map<String, Object> row : opened) {
            if (number == number((String) row.get("details"), source.numberField())) {
                return new Subject((Integer) row.get("version"), (String) row.get("environment"));
            }
        }
        return null;
    }

    private int number(String details, String field) {
        try {
            JsonNode value = json.readTree(details).path(field);
            return value.canConvertToInt() ? value.intValue() : -1;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return -1;
        }
    }
}
