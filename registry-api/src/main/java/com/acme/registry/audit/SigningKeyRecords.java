package com.acme.registry.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the audit signing key on the record once the registry is ready (the key is read before the database is):
 * {@code AuditSigningKeyCreated} when this start generated the first key, {@code AuditSigningKeyReplaced} when the key
 * in use is not the last one on record (generated anew, or the file was swapped), {@code AuditSigningKeyLoaded} when
 * an existing key is used and none is on record yet (an upgrade, or a key file provided by the operator). A start with
 * the key on record adds nothing. Records name the key's public fingerprint and its file, never the private key.
 */
@Component
class SigningKeyRecords {

    static final String CREATED = "AuditSigningKeyCreated";
    static final String REPLACED = "AuditSigningKeyReplaced";
    static final String LOADED = "AuditSigningKeyLoaded";
    static final String ACTOR = "registry";

    private static final Logger log = LoggerFactory.getLogger(SigningKeyRecords.class);

    private final AuditSigningKey key;
    private final SecurityAudit audit;
    private final JdbcTemplate jdbc;

    public SigningKeyRecords(AuditSigningKey key, SecurityAudit audit, JdbcTemplate jdbc) {
        this.key = key;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void recordKeyInUse() {
        try {
            String previous = lastRecordedKeyId();
            String action = previous == null ? (key.generated() ? CREATED : LOADED)
                    : previous.equals(key.keyId()) ? null : REPLACED;
            if (action == null) {
                return;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("keyId", key.keyId());
            details.put("file", key.file().toString());
            details.put("generated", key.generated());
            if (previous != null) {
                details.put("previousKeyId", previous);
            }
            audit.act(ACTOR, action, details);
        } catch (RuntimeException e) { // the next start compares again, so a missed record is made up for then
            log.error("Could not record the audit signing key {} in the audit log", key.keyId(), e);
        }
    }

    private String lastRecordedKeyId() {
        List<String> ids = jdbc.queryForList("""
                SELECT details::jsonb->>'keyId' FROM audit_record WHERE action IN (?, ?, ?)
                ORDER BY sequence DESC LIMIT 1""", String.class, CREATED, REPLACED, LOADED);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
