package com.acme.registry.ui.compliance;

import com.acme.registry.compliance.Inventory;
import com.acme.registry.compliance.InventoryEntry;
import com.acme.registry.promotion.GovernanceQueries;
import com.acme.registry.promotion.PromotionView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The approvals behind each champion of an inventory page: the promotion request of the release that made the
 * version champion (a rollback restores the version with the request it was approved on), and the approvals that
 * request had by the inventory's instant. One query for the page's champions, one for their approvals.
 */
@Repository
class ChampionApprovals {

    private final JdbcTemplate jdbc;
    private final GovernanceQueries governance;

    ChampionApprovals(JdbcTemplate jdbc, GovernanceQueries governance) {
        this.jdbc = jdbc;
        this.governance = governance;
    }

    /** The request behind a champion and its approvals by then, oldest first. */
    record Backing(int requestNumber, List<PromotionView.Approval> approvals) {

        public String approvers() {
            return String.join(", ", approvals.stream().map(PromotionView.Approval::approvedBy).toList());
        }
    }

    /** Keyed by {@link #key(String, String)}; champions released without a request (where none is needed) are absent. */
    Map<String, Backing> of(Inventory inventory) {
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
        Map<String, Backing> backing = new HashMap<>();
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
                    requests.put(key(rs.getString("model_name"), rs.getString("environment")),
                            rs.getInt("request_number"));
                }, args.toArray());
        Map<String, List<PromotionView.Approval>> approvals = governance.approvals(requests.entrySet().stream()
                .map(e -> new GovernanceQueries.RequestKey(model(e.getKey()), e.getValue())).distinct().toList());
        requests.forEach((key, number) -> backing.put(key, new Backing(number,
                approvals.getOrDefault(new GovernanceQueries.RequestKey(model(key), number).text(), List.of()).stream()
                        .filter(a -> !a.approvedAt().isAfter(inventory.asOf())).toList())));
        return backing;
    }

    static String key(String model, String environment) {
        return model + "#" + environment;
    }

    private static String model(String key) {
        return key.substring(0, key.indexOf('#'));
    }
}
