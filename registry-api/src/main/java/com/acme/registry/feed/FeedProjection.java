package com.acme.registry.feed;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.CommandMetadata;
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
import org.axonframework.serialization.Revision;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The feed's own tracking processor ({@value AxonProcessingConfiguration#EVENT_FEED}): turns every event of the event
 * store, in order, into a {@link FeedEvent}, and writes a batch of them with the processor's token in one transaction,
 * with what the {@link FeedListener}s add (webhook deliveries). Only committed events reach it, so nothing is
 * published that did not happen; its token survives restarts, so nothing that happened is missed. Never reset by a
 * read-model rebuild.
 */
@Component
@ProcessingGroup(AxonProcessingConfiguration.EVENT_FEED)
class FeedProjection {

    private static final String PENDING = FeedProjection.class.getName() + "/pending";
    /** event type → (the event that opened its subject, the number field they share). */
    private static final Map<String, Subject> SUBJECTS = Map.of(
            "PromotionApproved", new Subject("PromotionRequested", "requestNumber"),
            "PromotionRejected", new Subject("PromotionRequested", "requestNumber"),
            "RollbackAcknowledged", new Subject("RolledBack", "rollbackNumber"));

    private record Subject(String openedBy, String numberField) {
    }

    private final FeedLog log;
    private final ObjectMapper axonJson;
    private final FeedBroadcaster broadcaster;
    private final List<FeedListener> listeners;

    FeedProjection(FeedLog log, @Qualifier("defaultAxonObjectMapper") ObjectMapper axonJson,
                   FeedBroadcaster broadcaster, List<FeedListener> listeners) {
        this.log = log;
        this.axonJson = axonJson;
        this.broadcaster = broadcaster;
        this.listeners = listeners;
    }

    @EventHandler
    public void on(Object payload, EventMessage<?> message, @Timestamp Instant at, TrackingToken token) {
        String type = payload.getClass().getSimpleName();
        EventTypes.Category category = EventTypes.category(type).orElse(null);
        if (category == null) {
            return; // not a registry event (none is stored today)
        }
        List<FeedEvent> batch = batch();
        ObjectNode data = axonJson.valueToTree(payload);
        String model = text(data, "modelName");
        Integer version = version(data);
        String environment = text(data, "environment");
        Subject subject = SUBJECTS.get(type);
        if (subject != null && data.path(subject.numberField()).canConvertToInt()) {
            FeedEvent opened = opened(batch, model, subject.openedBy(), data.path(subject.numberField()).intValue());
            if (opened != null) {
                version = opened.version();
                environment = opened.environment();
            }
        }
        Integer subjectNumber = switch (type) {
            case "PromotionRequested" -> data.path("requestNumber").intValue();
            case "RolledBack" -> data.path("rollbackNumber").intValue();
            default -> null;
        };
        long position = token.position().orElseThrow();
        String actor = (String) message.getMetaData().get(CommandMetadata.ACTOR);
        Object actingFor = message.getMetaData().get(CommandMetadata.ACTING_FOR);

        ObjectNode body = axonJson.createObjectNode();
        body.put("id", Long.toString(position));
        body.put("position", position);
        body.put("type", type);
        body.put("category", category.label());
        body.put("model", model);
        putOrNull(body, "version", version);
        body.put("environment", environment);
        body.put("actor", actor);
        body.put("actingFor", actingFor == null ? null : actingFor.toString());
        body.put("occurredAt", at.toString());
        Object correlationId = message.getMetaData().get(CommandMetadata.CORRELATION_ID);
        body.put("correlationId", correlationId == null ? null : correlationId.toString());
        Revision revision = payload.getClass().getAnnotation(Revision.class);
        body.put("revision", revision == null ? null : revision.value());
        body.set("data", data);
        batch.add(new FeedEvent(position, type, category, model, version, environment, actor, at, subjectNumber,
                body.toString()));
    }

    private FeedEvent opened(List<FeedEvent> batch, String model, String type, int number) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            FeedEvent event = batch.get(i);
            if (event.type().equals(type) && event.model().equals(model) && Integer.valueOf(number)
                    .equals(event.subjectNumber())) {
                return event;
            }
        }
        return log.subject(model, type, number).orElse(null);
    }

    /** The events of this unit of work: written when it prepares to commit, published after it committed. */
    private List<FeedEvent> batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            List<FeedEvent> events = new ArrayList<>();
            unitOfWork.onPrepareCommit(u -> {
                log.lockInTransaction();
                log.insert(events);
                listeners.forEach(listener -> listener.written(events));
            });
            unitOfWork.afterCommit(u -> {
                broadcaster.publish(events);
                listeners.forEach(listener -> listener.committed(events));
            });
            return events;
        });
    }

    private static Integer version(JsonNode data) {
        for (String field : new String[] {"version", "restoredVersion"}) {
            if (data.path(field).canConvertToInt()) {
                return data.path(field).intValue();
            }
        }
        return null;
    }

    private static void putOrNull(ObjectNode node, String field, Integer value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
