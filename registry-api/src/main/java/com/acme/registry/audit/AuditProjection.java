package com.acme.registry.audit;

import com.acme.registry.audit.AuditSubjects.Subject;
import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.CommandMetadata;
import com.acme.registry.model.RegisteredModel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * <p>
 * Events that name a request or a rollback by number only (approvals, rejections, acknowledgements) get the
 * version and environment of that request or rollback ({@link AuditSubjects}); a retirement of a model that still
 * served adds the environments from the event's metadata to its details; an act of an API token adds the person it acted
 * for ({@code actingFor}).
 */
@Component
@ProcessingGroup(AuditProjection.GROUP)
public class AuditProjection {

    public static final String GROUP = AxonProcessingConfiguration.AUDIT;
    private static final String PENDING = AuditProjection.class.getName() + "/pending";

    private final AuditLog log;
    private final ObjectMapper axonJson;
    private final AuditSubjects subjects;

    public AuditProjection(AuditLog log, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonJson,
                           AuditSubjects subjects) {
        this.log = log;
        this.axonJson = axonJson;
        this.subjects = subjects;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        ObjectNode details = axonJson.valueToTree(payload);
        String action = payload.getClass().getSimpleName();
        String model = text(details, "modelName");
        Integer version = version(details);
        String environment = text(details, "environment");
        Subject subject = version == null && environment == null ? subjects.of(action, model, details, pending())
                : null;
        if (subject != null) {
            version = subject.version();
            environment = subject.environment();
        }
        Object actingFor = message.getMetaData().get(CommandMetadata.ACTING_FOR);
        if (actingFor != null) {
            details.put(CommandMetadata.ACTING_FOR, actingFor.toString());
        }
        Object serving = message.getMetaData().get(RegisteredModel.SERVING_ENVIRONMENTS);
        if (serving != null) {
            details.set(RegisteredModel.SERVING_ENVIRONMENTS, axonJson.valueToTree(serving));
        }
        append(new AuditEntry(token.position().orElseThrow(), at,
                (String) message.getMetaData().get("actor"), action, model, version, environment,
                firstText(details, "reason", "justification", "comment"),
                (String) message.getMetaData().get("correlationId"), details.toString()));
    }

    private void append(AuditEntry entry) {
        List<AuditEntry> pending = pending();
        if (pending == null) {
            log.appendInTransaction(entry);
            return;
        }
        pending.add(entry);
    }

    /** The entries of this batch, not inserted yet; null outside a unit of work (entries are then appended at once). */
    private List<AuditEntry> pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<AuditEntry> entries = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> log.appendAllInTransaction(entries));
            return entries;
        });
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
