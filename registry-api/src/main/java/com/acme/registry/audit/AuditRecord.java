package com.acme.registry.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored audit record: its place in the chain and the hashes that link it. */
public record AuditRecord(long sequence, Long position, Instant recordedAt, String actor, String action, String model,
                          Integer version, String environment, String reason, String correlationId, String details,
                          String previousHash, String hash) {

    /** The record's fields as the canonical form names them (without the hashes). */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sequence", sequence);
        fields.put("position", position);
        fields.put("recordedAt", AuditTime.format(recordedAt));
        fields.put("actor", actor);
        fields.put("action", action);
        fields.put("model", model);
        fields.put("version", version == null ? null : version.longValue());
        fields.put("environment", environment);
        fields.put("reason", reason);
        fields.put("correlationId", correlationId);
        fields.put("details", details);
        return fields;
    }
}
