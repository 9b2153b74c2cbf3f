package com.acme.registry.audit;

import com.acme.registry.auditformat.HashChain;
import com.acme.registry.axon.ReplacedText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * Appends a batch of entries in the caller's transaction, in their order: the same records as
     * {@link #appendInTransaction} entry by entry (an entry whose position is recorded already, or was earlier in the
     * batch, is skipped), with one lock, one read of the chain's end and one JDBC batch of inserts.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void appendAllInTransaction(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.execute("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")");
        Set<Long> recorded = new HashSet<>();
        List<Long> positions = entries.stream().map(AuditEntry::position).filter(p -> p != null).toList();
        if (!positions.isEmpty()) {
            recorded.addAll(jdbc.queryForList("SELECT position FROM audit_record WHERE position = ANY (?)",
                    Long.class, (Object) positions.toArray(Long[]::new)));
        }
        List<Map<String, Object>> last = jdbc.queryForList(
                "SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1");
        long sequence = last.isEmpty() ? 0 : ((Number) last.get(0).get("sequence")).longValue();
        String previous = last.isEmpty() ? HashChain.GENESIS : (String) last.get(0).get("hash");
        HashChain chain = HashChain.continuingFrom(previous);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            if (entry.position() != null && !recorded.add(entry.position())) {
                continue; // this event is recorded already: a replay changes nothing
            }
            sequence++;
            previous = chain.last();
            AuditRecord record = record(sequence, entry, previous);
            String hash = (String) chain.link(record.fields()).get(HashChain.HASH);
            rows.add(row(record, hash));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(INSERT, rows);
        }
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
        AuditRecord record = record(sequence, entry, previous);
        String hash = (String) HashChain.continuingFrom(previous).link(record.fields()).get(HashChain.HASH);
        jdbc.update(INSERT, row(record, hash));
    }

    private static final String INSERT = """
            INSERT INTO audit_record (sequence, position, recorded_at, actor, action, model, version, environment,
                                      reason, correlation_id, details, previous_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * The record as it is stored and hashed: text PostgreSQL cannot store (NUL, an unpaired surrogate, from an event
     * stored before input was checked) as U+FFFD ({@link ReplacedText}), so the chain hashes exactly what the table
     * holds and verifies from it; the event store keeps the original.
     */
    private static AuditRecord record(long sequence, AuditEntry entry, String previous) {
        return new AuditRecord(sequence, entry.position(), AuditTime.truncate(entry.recordedAt()),
                text(entry.actor()), text(entry.action()), text(entry.model()), entry.version(),
                text(entry.environment()), text(entry.reason()), text(entry.correlationId()), text(entry.details()),
                previous, null);
    }

    private static String text(String value) {
        return ReplacedText.text(value);
    }

    private static Object[] row(AuditRecord record, String hash) {
        return new Object[] {record.sequence(), record.position(), Timestamp.from(record.recordedAt()),
                record.actor(), record.action(), record.model(), record.version(), record.environment(),
                record.reason(), record.correlationId(), record.details(), record.previousHash(), hash};
    }

    static final RowMapper<AuditRecord> RECORD = (rs, n) -> new AuditRecord(
            rs.getLong("sequence"), rs.getObject("position", Long.class),
            rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
            rs.getString("action"), rs.getString("model"), rs.getObject("version", Integer.class),
            rs.getString("environment"), rs.getString("reason"), rs.getString("correlation_id"),
            rs.getString("details"), rs.getString("previous_hash"), rs.getString("hash"));
}
