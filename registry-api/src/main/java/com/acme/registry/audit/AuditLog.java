package com.acme.registry.audit;

import com.acme.registry.auditformat.HashChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The stored, hash-chained audit log. Appends are serialised by a transaction-scoped lock, so the chain has one
 * order however many writers there are (the audit projection, request threads recording refusals).
 */
@Repository
public class AuditLog {

    private static final long APPEND_LOCK = 0x4155444954L; // "AUDIT"

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends in the caller's transaction (the projection's, so the record and its token commit together). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendInTransaction(AuditEntry entry) {
        append(entry);
    }

    /** Appends in a transaction of its own (security events, outside any business transaction). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void appendAlone(AuditEntry entry) {
        append(entry);
    }

    private void append(AuditEntry entry) {
        jdbc.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        if (entry.position() != null && Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM audit_record WHERE position = ?)", Boolean.class, entry.position()))) {
            return; // this event is recorded already: a replay changes nothing
        }
        List<Map<String, Object>> last = jdbc.queryForList(
                "SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1");
        long sequence = last.isEmpty() ? 1 : ((Number) last.get(0).get("sequence")).longValue() + 1;
        String previous = last.isEmpty() ? HashChain.GENESIS : (String) last.get(0).get("hash");
        AuditRecord record = new AuditRecord(sequence, entry.position(), AuditTime.truncate(entry.recordedAt()),
                entry.actor(), entry.action(), entry.model(), entry.version(), entry.environment(), entry.reason(),
                entry.correlationId(), entry.details(), previous, null);
        String hash = (String) HashChain.continuingFrom(previous).link(record.fields()).get(HashChain.HASH);
        jdbc.update("""
                INSERT INTO audit_record (sequence, position, recorded_at, actor, action, model, version, environment,
                                          reason, correlation_id, details, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                sequence, entry.position(), Timestamp.from(record.recordedAt()), entry.actor(), entry.action(),
                entry.model(), entry.version(), entry.environment(), entry.reason(), entry.correlationId(),
                entry.details(), previous, hash);
    }

    static final RowMapper<AuditRecord> RECORD = (rs, n) -> new AuditRecord(
            rs.getLong("sequence"), rs.getObject("position", Long.class),
            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
            rs.getString("action"), rs.getString("model"), rs.getObject("version", Integer.class),
            rs.getString("environment"), rs.getString("reason"), rs.getString("correlation_id"),
            rs.getString("details"), rs.getString("previous_hash"), rs.getString("hash"));
}
