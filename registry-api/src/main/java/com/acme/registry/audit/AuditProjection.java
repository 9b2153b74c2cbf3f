package com.acme.registry.audit;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns every domain event into an audit record, in event-store order, in the same transaction as the token.
 * Not reset by a read-model rebuild: the log is append-only and also holds security events.
 * <p>
 * The records of a batch of events are chained and inserted together when the batch commits
 * ({@link AuditLog#appendAllInTransaction}): one append lock and one round trip of inserts per batch, not per event.
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = AxonProcessingConfiguration.AUDIT;
    private static final String PENDING = AuditProjection.class.getName() + "/pending";

    private final AuditLog log;
    private final ObjectMapper axonJson;

    public AuditProjection(AuditLog log, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonJson) {
        this.log = log;
        this.axonJson = axonJson;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        JsonNode details = axonJson.valueToTree(payload);
        append(new AuditEntry(token.position().orElseThrow(), at,
                (String) message.getMetaData().get("actor"), payload.getClass().getSimpleName(),
                text(details, "modelName"), version(details), text(details, "environment"),
                firstText(details, "reason", "justification", "comment"),
                (String) message.getMetaData().get("correlationId"), details.toString()));
    }

    private void append(AuditEntry entry) {
        if (!CurrentUnitOfWork.isStarted()) {
            log.appendInTransaction(entry);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<AuditEntry> pending = unitOfWork.getOrComputeResource(PENDING, key -> {
            List<AuditEntry> entries = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> log.appendAllInTransaction(entries));
            return entries;
        });
        pending.add(entry);
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
