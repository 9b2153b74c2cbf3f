package com.acme.registry.compliance;

import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.promotion.GovernanceQueries;
import com.acme.registry.promotion.PromotionView;
import org.springframework.jdbc.core.JdbcTemplate;
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

/** The compliance views, in plain SQL over the catalog, governance, serving and audit tables. Read-only. */
@Repository
public class ComplianceQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final GovernanceQueries governance;

    public ComplianceQueries(JdbcTemplate jdbc, JsonMapper json, GovernanceQueries governance) {
        this.jdbc = jdbc;
        this.json = json;
        this.governance = governance;
    }

    // ---- inventory ----

    /**
     * Every model registered at or before {@code asOf}, by name, as it stood then: status, versions, champion of
     * each of {@code environments} and the last approval.
     */
    public Inventory inventory(Instant asOf, List<String> environments, PageRequest page) {
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

    // ---- releases ----

    /** Releases to {@code environment} in [from, to), oldest first; {@code model} optional. */
    public Page<ReleaseView> releases(String environment, Instant from, Instant to, String model, PageRequest page) {
        StringBuilder where = new StringBuilder(
                " WHERE r.environment = ? AND r.released_at >= ? AND r.released_at < ?");
        List<Object> args = new ArrayList<>(List.of(environment, Timestamp.from(from), Timestamp.from(to)));
        if (model != null) {
            where.append(" AND r.model_name = ?");
            args.add(model);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM model_release r" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<ReleaseView> releases = jdbc.query("""
                SELECT r.*, p.version AS request_version, p.requested_by, p.requested_at, p.justification,
                       p.validation_report_uri, p.status AS request_status, p.granted_at, p.risk_tier,
                       p.approval_required, p.required_approvals, p.approval_validity_days,
                       v.artifact_uri, v.artifact_digest, v.training_run, v.source,
                       b.reason, b.emergency, b.rolled_back_by, b.acknowledged_by, b.acknowledged_at, b.acknowledgement
                FROM model_release r
                LEFT JOIN promotion_request p ON p.model_name = r.model_name AND p.request_number = r.request_number
                LEFT JOIN catalog_version v ON v.model_name = r.model_name AND v.version = r.version
                LEFT JOIN model_rollback b ON b.model_name = r.model_name AND b.rollback_number = r.rollback_number
                """ + where + " ORDER BY r.released_at, r.position LIMIT ? OFFSET ?", (rs, n) -> {
            ReleaseView.Request request = rs.getString("requested_by") == null ? null : new ReleaseView.Request(
                    rs.getInt("request_number"), rs.getInt("request_version"), rs.getString("requested_by"),
                    Rows.instant(rs, "requested_at"), rs.getString("justification"), rs.getString("validation_report_uri"),
                    rs.getString("request_status"), Rows.instant(rs, "granted_at"),
                    new PromotionView.Policy(rs.getString("risk_tier"), rs.getBoolean("approval_required"),
                            rs.getInt("required_approvals"), rs.getInt("approval_validity_days")));
            ReleaseView.Rollback rollback = rs.getString("rolled_back_by") == null ? null : new ReleaseView.Rollback(
                    rs.getInt("rollback_number"), rs.getString("reason"), rs.getBoolean("emergency"),
                    rs.getString("rolled_back_by"), rs.getString("acknowledged_by"), Rows.instant(rs, "acknowledged_at"),
                    rs.getString("acknowledgement"));
            ReleaseView.Evidence evidence = rs.getString("artifact_uri") == null ? null : new ReleaseView.Evidence(
                    rs.getString("artifact_uri"), rs.getString("artifact_digest"), Rows.json(rs, "training_run", json),
                    Rows.json(rs, "source", json));
            return new ReleaseView(rs.getString("model_name"), rs.getInt("version"), rs.getString("environment"),
                    Rows.instant(rs, "released_at"), rs.getString("released_by"), rs.getString("kind"),
                    rs.getObject("replaced_version", Integer.class), request, List.of(), rollback, evidence,
                    List.of());
        }, args.toArray());
        Map<String, List<PromotionView.Approval>> approvals = governance.approvals(releases.stream()
                .filter(r -> r.promotionRequest() != null)
                .map(r -> new GovernanceQueries.RequestKey(r.modelName(), r.promotionRequest().number())).toList());
        List<ReleaseView> items = releases.stream().map(r -> {
            List<PromotionView.Approval> given = r.promotionRequest() == null ? List.of()
                    : approvals.getOrDefault(new GovernanceQueries.RequestKey(r.modelName(),
                            r.promotionRequest().number()).text(), List.of());
            List<String> exceptions = new ArrayList<>();
            if (r.rollback() != null && r.rollback().emergency() && r.rollback().acknowledgedBy() == null) {
                exceptions.add(ReleaseView.EMERGENCY_ROLLBACK_UNACKNOWLEDGED);
            }
            if (given.stream().anyMatch(a -> a.approvedAt().isAfter(r.releasedAt()))) {
                exceptions.add(ReleaseView.APPROVED_AFTER_RELEASE);
            }
            return new ReleaseView(r.modelName(), r.version(), r.environment(), r.releasedAt(), r.releasedBy(),
                    r.kind(), r.replacedVersion(), r.promotionRequest(), given, r.rollback(), r.evidence(),
                    List.copyOf(exceptions));
        }).toList();
        return Page.of(items, page, total == null ? 0 : total);
    }

    // ---- history ----

    /** The model's audit records in sequence order. */
    public Page<HistoryEntry> history(String model, PageRequest page) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE model = ?", Long.class, model);
        List<HistoryEntry> items = jdbc.query("""
                SELECT sequence, recorded_at, actor, action, version, environment, reason, correlation_id, details
                FROM audit_record WHERE model = ? ORDER BY sequence LIMIT ? OFFSET ?""",
                (rs, n) -> new HistoryEntry(rs.getLong("sequence"), Rows.instant(rs, "recorded_at"), rs.getString("actor"),
                        rs.getString("action"), rs.getObject("version", Integer.class), rs.getString("environment"),
                        rs.getString("reason"), rs.getString("correlation_id"), details(rs.getString("details"))),
                model, page.size(), page.offset());
        return Page.of(items, page, total == null ? 0 : total);
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
