package com.acme.registry.compliance;

import com.acme.registry.promotion.PromotionQueries;
import com.acme.registry.promotion.PromotionView;
import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every read of {@code model_release}, the releases that {@code PromotionProjection} records (each time a version
 * became an environment's champion): the releases view and the requests behind today's champions.
 */
@Repository
class ReleaseQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final PromotionQueries governance;

    ReleaseQueries(JdbcTemplate jdbc, JsonMapper json, PromotionQueries governance) {
        this.jdbc = jdbc;
        this.json = json;
        this.governance = governance;
    }

    /** Releases to {@code environment} in [from, to), oldest first; {@code model} optional. */
    Page<ReleaseView> releases(String environment, Instant from, Instant to, String model, PageRequest page) {
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
                .map(r -> new PromotionQueries.RequestKey(r.modelName(), r.promotionRequest().number())).toList());
        List<ReleaseView> items = releases.stream().map(r -> {
            List<PromotionView.Approval> given = r.promotionRequest() == null ? List.of()
                    : approvals.getOrDefault(new PromotionQueries.RequestKey(r.modelName(),
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

    /**
     * The approvals behind each champion of an inventory page: the promotion request of the release that made the
     * version champion (a rollback restores the version with the request it was approved on), and the approvals that
     * request had by the inventory's instant. One query for the page's champions, one for their approvals. Keyed by
     * {@link ChampionBacking#key}; champions released without a request (where none is needed) are absent.
     */
    Map<String, ChampionBacking> championBacking(Inventory inventory) {
        StringBuilder values = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (InventoryEntry entry : inventory.items()) {
            entry.champions().forEach((environment, champion) -> {
                if (champion != null) {
                    values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?::integer, ?::timestamptz)");
                    args.addAll(List.of(entry.name(), environment, champion.version(), Timestamp.from(champion.since())));
                }
            });
        }
        Map<String, ChampionBacking> backing = new HashMap<>();
        if (args.isEmpty()) {
            return backing;
        }
        Map<String, Integer> requests = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (c.model_name, c.environment) c.model_name, c.environment, r.request_number
                FROM (VALUES %s) AS c(model_name, environment, version, since)
                JOIN model_release r ON r.model_name = c.model_name AND r.environment = c.environment
                     AND r.version = c.version AND r.released_at <= c.since
                WHERE r.request_number IS NOT NULL
                ORDER BY c.model_name, c.environment, r.released_at DESC, r.position DESC""".formatted(values),
                rs -> {
                    requests.put(ChampionBacking.key(rs.getString("model_name"), rs.getString("environment")),
                            rs.getInt("request_number"));
                }, args.toArray());
        Map<String, List<PromotionView.Approval>> approvals = governance.approvals(requests.entrySet().stream()
                .map(e -> new PromotionQueries.RequestKey(model(e.getKey()), e.getValue())).distinct().toList());
        requests.forEach((key, number) -> backing.put(key, new ChampionBacking(number,
                approvals.getOrDefault(new PromotionQueries.RequestKey(model(key), number).text(), List.of()).stream()
                        .filter(a -> !a.approvedAt().isAfter(inventory.asOf())).toList())));
        return backing;
    }

    private static String model(String key) {
        return key.substring(0, key.indexOf('#'));
    }
}
