package com.acme.registry.compliance;

import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inventory and model histories, in plain SQL over the catalog, governance, serving and audit tables. Read-only.
 * Releases have their own queries ({@link ReleaseQueries}).
 */
@Repository
class ComplianceQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    ComplianceQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    // ---- inventory ----

    /**
     * Every model registered at or before {@code asOf}, by name, as it stood then: status, versions, champion of
     * each of {@code environments} and the last approval.
     */
    Inventory inventory(Instant asOf, List<String> environments, PageRequest page) {
        Timestamp at = Timestamp.from(asOf);
        Long total = jdbc.queryForObject("SELECT count(*) FROM catalog_model WHERE registered_at <= ?", Long.class, at);
        List<InventoryEntry> models = jdbc.query("""
                SELECT m.name, m.owner_team, m.risk_tier, m.registered_by, m.registered_at,
                       CASE WHEN m.retired_at <= ? THEN m.retired_at END AS retired_at,
                       v.version_count, v.latest_version,
                       a.approved_by, a.approved_at, a.comment, a.request_number, a.version, a.environment
                FROM catalog_model m
                CROSS JOIN LATERAL (SELECT count(*) AS version_count, max(version) AS latest_version
                                    FROM catalog_version WHERE model_name = m.name AND registered_at <= ?) v
                LEFT JOIN LATERAL (SELECT pa.approved_by, pa.approved_at, pa.comment, pa.request_number, pr.version,
                                          pr.environment
                                   FROM promotion_approval pa
                                   JOIN promotion_request pr ON pr.model_name = pa.model_name
                                        AND pr.request_number = pa.request_number
                                   WHERE pa.model_name = m.name AND pa.approved_at <= ?
                                   ORDER BY pa.approved_at DESC, pa.request_number DESC, pa.approved_by
                                   LIMIT 1) a ON TRUE
                WHERE m.registered_at <= ?
                ORDER BY m.name LIMIT ? OFFSET ?""",
                (rs, n) -> new InventoryEntry(rs.getString("name"), rs.getString("owner_team"),
                        rs.getString("risk_tier"), rs.getObject("retired_at") == null ? "ACTIVE" : "RETIRED",
                        rs.getString("registered_by"), Rows.instant(rs, "registered_at"), Rows.instant(rs, "retired_at"),
                        rs.getInt("version_count"), rs.getObject("latest_version", Integer.class), Map.of(),
                        rs.getString("approved_by") == null ? null : new InventoryEntry.LastApproval(
                                rs.getString("approved_by"), Rows.instant(rs, "approved_at"), rs.getString("comment"),
                                rs.getInt("request_number"), rs.getInt("version"), rs.getString("environment"))),
                at, at, at, at, page.size(), page.offset());
        Map<String, InventoryEntry.Champion> champions = new HashMap<>();
        if (!models.isEmpty()) {
            List<Object> args = new ArrayList<>(models.stream().map(InventoryEntry::name).toList());
            args.add(at);
            args.add(at);
            jdbc.query("SELECT model_name, environment, version, since, traffic_percent FROM serving_interval"
                    + " WHERE model_name IN (" + placeholders(models.size()) + ") AND role = 'CHAMPION'"
                    + " AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)", rs -> {
                champions.put(rs.getString("model_name") + "#" + rs.getString("environment"),
                        new InventoryEntry.Champion(rs.getInt("version"), Rows.instant(rs, "since"),
                                rs.getInt("traffic_percent")));
            }, args.toArray());
        }
        List<InventoryEntry> items = models.stream().map(m -> {
            Map<String, InventoryEntry.Champion> perEnvironment = new LinkedHashMap<>();
            environments.forEach(e -> perEnvironment.put(e, champions.get(m.name() + "#" + e)));
            return new InventoryEntry(m.name(), m.ownerTeam(), m.riskTier(), m.status(), m.registeredBy(),
                    m.registeredAt(), m.retiredAt(), m.versionCount(), m.latestVersion(),
                    Collections.unmodifiableMap(perEnvironment), m.lastApproval());
        }).toList();
        Page<InventoryEntry> result = Page.of(items, page, total == null ? 0 : total);
        return new Inventory(asOf, result.items(), result.page(), result.size(), result.totalItems(),
                result.totalPages());
    }

    // ---- history ----

    /** The model's audit records in sequence order. */
    Page<HistoryEntry> history(String model, PageRequest page) {
        return history(model, false, page);
    }

    /** The model's audit records, newest first. */
    Page<HistoryEntry> historyNewestFirst(String model, PageRequest page) {
        return history(model, true, page);
    }

    private Page<HistoryEntry> history(String model, boolean newestFirst, PageRequest page) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE model = ?", Long.class, model);
        List<HistoryEntry> items = jdbc.query("""
                SELECT sequence, recorded_at, actor, action, version, environment, reason, correlation_id, details
                FROM audit_record WHERE model = ? ORDER BY sequence""" + (newestFirst ? " DESC" : "") + " LIMIT ? OFFSET ?",
                historyEntry(), model, page.size(), page.offset());
        return Page.of(items, page, total == null ? 0 : total);
    }

    /**
     * Oldest first: the records of the version itself, the decisions on its promotion requests (whose records name
     * the request, not the version) and the rollbacks that replaced it.
     */
    List<HistoryEntry> versionHistory(String model, int version, Set<Integer> requestNumbers) {
        List<HistoryEntry> candidates = jdbc.query("""
                SELECT sequence, recorded_at, actor, action, version, environment, reason, correlation_id, details
                FROM audit_record WHERE model = ? AND (version = ? OR version IS NULL OR action = 'RolledBack')
                ORDER BY sequence""", historyEntry(), model, version);
        List<HistoryEntry> entries = new ArrayList<>();
        for (HistoryEntry e : candidates) {
            Integer request = integer(e.details(), "requestNumber");
            Integer replaced = integer(e.details(), "replacedVersion");
            if (Objects.equals(e.version(), version) || Objects.equals(replaced, version)
                    || (e.version() == null && request != null && requestNumbers.contains(request))) {
                entries.add(e);
            }
        }
        return entries;
    }

    private RowMapper<HistoryEntry> historyEntry() {
        return (rs, n) -> new HistoryEntry(rs.getLong("sequence"), Rows.instant(rs, "recorded_at"),
                rs.getString("actor"), rs.getString("action"), rs.getObject("version", Integer.class),
                rs.getString("environment"), rs.getString("reason"), rs.getString("correlation_id"),
                details(rs.getString("details")));
    }

    private static Integer integer(JsonNode details, String field) {
        JsonNode value = details == null ? null : details.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }

    /** The stored details are JSON; should one not be, it is shown as a string rather than failing the page. */
    private JsonNode details(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException notJson) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
