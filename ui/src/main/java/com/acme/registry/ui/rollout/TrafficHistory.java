package com.acme.registry.ui.rollout;

import com.acme.registry.sql.Rows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the serving projection's intervals of one (model, environment): every event that changed the split
 * opened the champion's and the candidate's intervals at the same event-store position, so grouping by that
 * position gives the periods of one split each.
 */
@Component
class TrafficHistory {

    private final JdbcTemplate jdbc;

    TrafficHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<TrafficChart.Period> periods(String model, String environment) {
        record Interval(String role, int version, int traffic, Instant from, Instant to) {
        }
        Map<Long, List<Interval>> byPosition = new LinkedHashMap<>();
        jdbc.query("""
                SELECT opened_at, role, version, traffic_percent, valid_from, valid_to FROM serving_interval
                WHERE model_name = ? AND environment = ? ORDER BY opened_at, role""", rs -> {
            byPosition.computeIfAbsent(rs.getLong("opened_at"), k -> new ArrayList<>()).add(new Interval(
                    rs.getString("role"), rs.getInt("version"), rs.getInt("traffic_percent"),
                    Rows.instant(rs, "valid_from"), Rows.instant(rs, "valid_to")));
        }, model, environment);
        List<TrafficChart.Period> periods = new ArrayList<>();
        for (List<Interval> opened : byPosition.values()) {
            Interval first = opened.get(0);
            if (first.to() != null && !first.to().isAfter(first.from())) {
                continue; // replaced in the same instant: it never served a request
            }
            Integer champion = null;
            int championPercent = 0;
            Integer candidate = null;
            int candidatePercent = 0;
            for (Interval i : opened) {
                if ("CHAMPION".equals(i.role())) {
                    champion = i.version();
                    championPercent = i.traffic();
                } else {
                    candidate = i.version();
                    candidatePercent = i.traffic();
                }
            }
            periods.add(new TrafficChart.Period(first.from(), first.to(), champion, championPercent, candidate,
                    candidatePercent));
        }
        return periods;
    }
}
