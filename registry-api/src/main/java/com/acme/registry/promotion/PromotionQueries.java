package com.acme.registry.promotion;


import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of promotion requests, their approvals and the review queue, in plain SQL. */
@Repository
public class PromotionQueries {

    private final JdbcTemplate jdbc;

    public PromotionQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PromotionView> request(String model, int number) {
        return withApprovals(jdbc.query("SELECT * FROM promotion_request WHERE model_name = ? AND request_number = ?",
                REQUEST, model, number)).stream().findFirst();
    }

    /** Requests matching the filter; pending ones oldest first (a queue), others newest first. */
    public Page<PromotionView> requests(PromotionFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        condition(where, args, "model_name", filter.modelName());
        condition(where, args, "status", filter.status());
        condition(where, args, "environment", filter.environment());
        condition(where, args, "risk_tier", filter.riskTier());
        String order = "PENDING".equals(filter.status()) ? " ORDER BY requested_at, model_name, request_number"
                : " ORDER BY requested_at DESC, model_name, request_number DESC";
        Long total = jdbc.queryForObject("SELECT count(*) FROM promotion_request" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<PromotionView> items = withApprovals(jdbc.query("SELECT * FROM promotion_request" + where + order
                + " LIMIT ? OFFSET ?", REQUEST, args.toArray()));
        return Page.of(items, page, total == null ? 0 : total);
    }

    /** Requests that granted {@code version} for {@code environment} at or before {@code at}. */
    public List<PromotionView> grants(String model, int version, String environment, Instant at) {
        return withApprovals(jdbc.query("""
                SELECT * FROM promotion_request WHERE model_name = ? AND version = ? AND environment = ?
                AND status = 'GRANTED' AND granted_at <= ? ORDER BY granted_at""",
                REQUEST, model, version, environment, Timestamp.from(at)));
    }

    private static void condition(StringBuilder where, List<Object> args, String column, Object value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    private List<PromotionView> withApprovals(List<PromotionView> requests) {
        Map<String, List<PromotionView.Approval>> approvals = approvals(requests.stream()
                .map(r -> new RequestKey(r.modelName(), r.requestNumber())).toList());
        return requests.stream().map(r -> {
            List<PromotionView.Approval> given = approvals.getOrDefault(new RequestKey(r.modelName(),
                    r.requestNumber()).text(), List.of());
            int stillNeeded = "PENDING".equals(r.status())
                    ? Math.max(0, r.policy().requiredApprovals() - given.size()) : 0;
            return new PromotionView(r.modelName(), r.requestNumber(), r.version(), r.environment(), r.status(),
                    r.justification(), r.validationReportUri(), r.requestedBy(), r.requestedAt(), r.policy(), given,
                    stillNeeded, r.grantedAt(), r.validUntil(), r.rejectedBy(), r.rejectedAt(), r.rejectionReason());
        }).toList();
    }

    /** Identifies a promotion request; {@link #text()} keys the map {@link #approvals} answers. */
    public record RequestKey(String modelName, int requestNumber) {
        public String text() {
            return modelName + "#" + requestNumber;
        }
    }

    /** The approvals of the given requests, oldest first, keyed by {@link RequestKey#text()}. */
    public Map<String, List<PromotionView.Approval>> approvals(List<RequestKey> requests) {
        Map<String, List<PromotionView.Approval>> approvals = new HashMap<>();
        if (requests.isEmpty()) {
            return approvals;
        }
        StringBuilder in = new StringBuilder();
        List<Object> args = new ArrayList<>();
        for (RequestKey r : requests) {
            in.append(in.isEmpty() ? "" : ", ").append("(?, ?)");
            args.add(r.modelName());
            args.add(r.requestNumber());
        }
        jdbc.query("SELECT * FROM promotion_approval WHERE (model_name, request_number) IN (" + in
                        + ") ORDER BY approved_at, approved_by", rs -> {
                    approvals.computeIfAbsent(new RequestKey(rs.getString("model_name"), rs.getInt("request_number"))
                            .text(), k -> new ArrayList<>()).add(new PromotionView.Approval(rs.getString("approved_by"),
                            Rows.instant(rs, "approved_at"), rs.getString("comment")));
                }, args.toArray());
        return approvals;
    }

    private static final RowMapper<PromotionView> REQUEST = (rs, n) -> new PromotionView(
            rs.getString("model_name"), rs.getInt("request_number"), rs.getInt("version"),
            rs.getString("environment"), rs.getString("status"), rs.getString("justification"),
            rs.getString("validation_report_uri"), rs.getString("requested_by"), Rows.instant(rs, "requested_at"),
            new PromotionView.Policy(rs.getString("risk_tier"), rs.getBoolean("approval_required"),
                    rs.getInt("required_approvals"), rs.getInt("approval_validity_days")),
            List.of(), 0, Rows.instant(rs, "granted_at"), Rows.instant(rs, "valid_until"), rs.getString("rejected_by"),
            Rows.instant(rs, "rejected_at"), rs.getString("rejection_reason"));
}
