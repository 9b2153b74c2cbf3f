package com.acme.registry.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Turns every domain event into an audit record, in event-store order, in the same transaction as the token.
 * Not reset by a read-model rebuild: the log is append-only and also holds security events.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = "audit";

    private final AuditLog log;
    private final ObjectMapper axonJson;

    public AuditProjection(AuditLog log, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonJson) {
        this.log = log;
        this.axonJson = axonJson;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        JsonNode details = axonJson.valueToTree(payload);
        log.appendInTransaction(new AuditEntry(token.position().orElseThrow(), at,
                (String) message.getMetaData().get("actor"), payload.getClass().getSimpleName(),
                text(details, "modelName"), version(details), text(details, "environment"),
                firstText(details, "reason", "justification", "comment"),
                (String) message.getMetaData().get("correlationId"), details.toString()));
    }

    private static Integer version(JsonNode details) {
        for (String field : new String[] {"version", "restoredVersion"}) {
            if (details.path(field).canConvertToInt()) {
                return details.path(field).intValue();
            }
        }
        return null;
    }

    private static String firstText(JsonNode details, String... fields) {
        for (String field : fields) {
            String value = text(details, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String text(JsonNode details, String field) {
        JsonNode value = details.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
