package com.acme.registry.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The models, actors and actions that occur in the audit log, offered as suggestions in filter forms, and the log's
 * head. Each list is a loose index scan over its (column, sequence) index, so it stays fast on a log of millions.
 */
@Repository
class AuditVocabulary {

    private static final int LIMIT = 500;

    private final JdbcTemplate jdbc;

    AuditVocabulary(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<String> models() {
        return distinct("model");
    }

    List<String> actors() {
        return distinct("actor");
    }

    List<String> actions() {
        return distinct("action");
    }

    AuditLogHead head() {
        List<AuditLogHead> head = jdbc.query(
                "SELECT sequence, recorded_at FROM audit_record ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> new AuditLogHead(rs.getLong("sequence"),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()));
        return head.isEmpty() ? new AuditLogHead(0, null) : head.get(0);
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
