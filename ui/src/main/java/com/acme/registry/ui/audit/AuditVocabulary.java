package com.acme.registry.ui.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The models, actors and actions that occur in the audit log, offered as suggestions in the filter forms.
 * Each list is a loose index scan over its (column, sequence) index, so it stays fast on a log of millions.
 */
@Repository
public class AuditVocabulary {

    private static final int LIMIT = 500;

    private final JdbcTemplate jdbc;

    AuditVocabulary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<String> models() {
        return distinct("model");
    }

    public List<String> actors() {
        return distinct("actor");
    }

    public List<String> actions() {
        return distinct("action");
    }

    /** The latest record's sequence (the log has no gaps, so also the number of records) and time. */
    public LogHead head() {
        List<LogHead> head = jdbc.query("SELECT sequence, recorded_at FROM audit_record ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> new LogHead(rs.getLong("sequence"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));
        return head.isEmpty() ? new LogHead(0, null) : head.get(0);
    }

    public record LogHead(long records, Instant lastRecordedAt) {
    }

    private List<String> distinct(String column) {
        // column is one of the three names above, never user input
        return jdbc.queryForList("""
                WITH RECURSIVE v(value) AS (
                    SELECT min(%1$s) FROM audit_record
                    UNION ALL
                    SELECT (SELECT min(%1$s) FROM audit_record WHERE %1$s > v.value) FROM v WHERE v.value IS NOT NULL
                )
                SELECT value FROM v WHERE value IS NOT NULL LIMIT ?""".formatted(column), String.class, LIMIT);
    }
}
