package com.acme.registry.axon;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads events stored under the type names they had before their classes moved package. The payload, its JSON
 * shape and its revision are unchanged; only the stored type name is mapped, so an event store written before
 * the move loads, replays and rebuilds every read model as it did.
 */
public final class RenamedEventTypes extends SingleEventUpcaster {

    /** {@code com.acme.registry.governance} was split into promotion and rollout (issue 14). */
    static final Map<String, String> RENAMED = Stream.concat(
            Stream.of("PromotionRequested", "PromotionApproved", "PromotionGranted", "PromotionRejected")
                    .map(name -> Map.entry("com.acme.registry.governance." + name, "com.acme.registry.promotion." + name)),
            Stream.of("RolloutStarted", "RolloutTrafficChanged", "RolloutCompleted", "RolloutAborted", "RolledBack",
                            "RollbackAcknowledged")
                    .map(name -> Map.entry("com.acme.registry.governance." + name, "com.acme.registry.rollout." + name)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return RENAMED.containsKey(representation.getType().getName());
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        Class storedAs = representation.getContentType();
        return representation.upcastPayload(
                new SimpleSerializedType(RENAMED.get(representation.getType().getName()), revision),
                storedAs, payload -> payload);
    }
}
