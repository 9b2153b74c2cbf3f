package com.acme.registry.ui.model;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.sql.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model's audit records for its pages. The compliance history answers oldest first; people looking at a model
 * want the newest first, and a version's page wants only what concerned that version — including approvals and
 * rejections, whose records name the request rather than the version.
 */
@Repository
class ModelTimeline {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ModelTimeline(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Page<TimelineEntry> newestFirst(String model, PageRequest page) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE model = ?", Long.class, model);
        List<TimelineEntry> items = jdbc.query("""
                SELECT sequence, recorded_at, actor, action, version, environment, reason, details
                FROM audit_record WHERE model = ? ORDER BY sequence DESC LIMIT ? OFFSET ?""",
                storedRecord(), model, page.size(), page.offset()).stream().map(StoredRecord::entry).toList();
        return Page.of(items, page, total == null ? 0 : total);
    }

    /**
     * Oldest first: records of the version itself, decisions on its promotion requests, and rollbacks that
     * replaced it.
     */
    List<TimelineEntry> ofVersion(String model, int version, Set<Integer> requestNumbers) {
        List<StoredRecord> candidates = jdbc.query("""
                SELECT sequence, recorded_at, actor, action, version, environment, reason, details
                FROM audit_record WHERE model = ? AND (version = ? OR version IS NULL OR action = 'RolledBack')
                ORDER BY sequence""", storedRecord(), model, version);
        List<TimelineEntry> entries = new ArrayList<>();
        for (StoredRecord r : candidates) {
            Integer request = integer(r.details(), "requestNumber");
            Integer replaced = integer(r.details(), "replacedVersion");
            if (Objects.equals(r.entry().version(), version) || Objects.equals(replaced, version)
                    || (r.entry().version() == null && request != null && requestNumbers.contains(request))) {
                entries.add(r.entry());
            }
        }
        return entries;
    }

    /** An audit record as the timeline shows it, with its details parsed once. */
    private record StoredRecord(TimelineEntry entry, JsonNode details) {
    }

    private RowMapper<StoredRecord> storedRecord() {
        return (rs, n) -> {
            JsonNode details = details(rs.getString("details"));
            return new StoredRecord(new TimelineEntry(rs.getLong("sequence"), Rows.instant(rs, "recorded_at"),
                    rs.getString("actor"), rs.getString("action"), rs.getObject("version", Integer.class),
                    rs.getString("environment"), rs.getString("reason"), summary(details)), details);
        };
    }

    /** The numbers a person scans for: which request, how much traffic, whether it was an emergency. */
    private static String summary(JsonNode details) {
        List<String> parts = new ArrayList<>();
        Integer request = integer(details, "requestNumber");
        if (request != null) {
            parts.add("request #" + request);
        }
        Integer traffic = integer(details, "trafficPercent");
        if (traffic != null) {
            parts.add(traffic + "% traffic");
        }
        Integer replaced = integer(details, "replacedVersion");
        if (replaced != null) {
            parts.add("replaced v" + replaced);
        }
        Integer previous = integer(details, "previousChampion");
        if (previous != null) {
            parts.add("previous champion v" + previous);
        }
        if (details != null && details.path("emergency").asBoolean(false)) {
            parts.add("emergency");
        }
        return String.join(" · ", parts);
    }

    private static Integer integer(JsonNode details, String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }

    /** Details are JSON as the audit projection writes them; anything else just has no summary. */
    private JsonNode details(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return null;
        }
    }
}
