package com.acme.registry.rollout;

import com.acme.registry.promotion.PromotionQueries;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.acme.registry.sql.Rows.instant;

/**
 * The hot path (one primary-key read), the point-in-time view (the intervals open at an instant) and the history
 * of traffic splits.
 */
@Repository
class ServingQueries {

    private final JdbcTemplate jdbc;
    private final PromotionQueries governance;
    private final ServingStateCache cache;

    ServingQueries(JdbcTemplate jdbc, PromotionQueries governance, ServingStateCache cache) {
        this.jdbc = jdbc;
        this.governance = governance;
        this.cache = cache;
    }

    /** Empty when nothing ever served there. */
    Optional<ServingView> current(String model, String environment) {
        return cache.current(model, environment, () -> load(model, environment));
    }

    private Optional<ServingView> load(String model, String environment) {
        return jdbc.query("SELECT * FROM serving_state WHERE model_name = ? AND environment = ?",
                (rs, n) -> current(rs), model, environment).stream().findFirst();
    }

    /**
     * What serves each of {@code models} in every environment, with one query over the hot-path table instead of
     * one lookup per model and environment: model → environment → state; what never served has no entry.
     */
    Map<String, Map<String, ServingView>> currentOf(List<String> models) {
        Map<String, Map<String, ServingView>> serving = new HashMap<>();
        if (models.isEmpty()) {
            return serving;
        }
        String in = String.join(", ", Collections.nCopies(models.size(), "?"));
        jdbc.query("SELECT * FROM serving_state WHERE model_name IN (" + in + ")", rs -> {
            ServingView view = current(rs);
            serving.computeIfAbsent(view.modelName(), k -> new HashMap<>()).put(view.environment(), view);
        }, models.toArray());
        return serving;
    }

    private static ServingView current(ResultSet rs) throws SQLException {
        Integer champion = rs.getObject("champion_version", Integer.class);
        Integer candidate = rs.getObject("candidate_version", Integer.class);
        int candidateTraffic = candidate == null ? 0 : rs.getInt("candidate_traffic");
        ServingView.Slot championSlot = champion == null ? null : new ServingView.Slot(champion,
                rs.getString("champion_uri"), rs.getString("champion_digest"), 100 - candidateTraffic,
                instant(rs, "champion_since"), null, null);
        ServingView.Slot candidateSlot = candidate == null ? null : new ServingView.Slot(candidate,
                rs.getString("candidate_uri"), rs.getString("candidate_digest"), candidateTraffic,
                instant(rs, "candidate_since"), rs.getObject("candidate_request", Integer.class), null);
        return new ServingView(rs.getString("model_name"), rs.getString("environment"), null,
                champion != null || candidate != null, championSlot, candidateSlot);
    }

    /**
     * The traffic splits of one (model, environment), oldest first. Every event that changed the split opened the
     * champion's and the candidate's intervals at the same event-store position, so grouping by that position
     * gives the periods of one split each.
     */
    List<ServingPeriod> periods(String model, String environment) {
        record Interval(String role, int version, int traffic, Instant from, Instant to) {
        }
        Map<Long, List<Interval>> byPosition = new LinkedHashMap<>();
        jdbc.query("""
                SELECT opened_at, role, version, traffic_percent, valid_from, valid_to FROM serving_interval
                WHERE model_name = ? AND environment = ? ORDER BY opened_at, role""", rs -> {
            byPosition.computeIfAbsent(rs.getLong("opened_at"), k -> new ArrayList<>()).add(new Interval(
                    rs.getString("role"), rs.getInt("version"), rs.getInt("traffic_percent"),
                    instant(rs, "valid_from"), instant(rs, "valid_to")));
        }, model, environment);
        List<ServingPeriod> periods = new ArrayList<>();
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
                if (ServingProjection.CHAMPION.equals(i.role())) {
                    champion = i.version();
                    championPercent = i.traffic();
                } else {
                    candidate = i.version();
                    candidatePercent = i.traffic();
                }
            }
            periods.add(new ServingPeriod(first.from(), first.to(), champion, championPercent, candidate,
                    candidatePercent));
        }
        return periods;
    }

    ServingView asOf(String model, String environment, Instant at) {
        record Interval(String role, int version, int traffic, Integer request, Instant from, String uri,
                        String digest) {
        }
        List<Interval> open = jdbc.query("""
                SELECT i.role, i.version, i.traffic_percent, i.request_number, i.since, a.uri, a.digest
                FROM serving_interval i
                JOIN serving_artifact a ON a.model_name = i.model_name AND a.version = i.version
                WHERE i.model_name = ? AND i.environment = ? AND i.valid_from <= ?
                  AND (i.valid_to IS NULL OR i.valid_to > ?)""",
                (rs, n) -> new Interval(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        rs.getObject(4, Integer.class), instant(rs, "since"), rs.getString(6), rs.getString(7)),
                model, environment, Timestamp.from(at), Timestamp.from(at));
        ServingView.Slot champion = null;
        ServingView.Slot candidate = null;
        for (Interval i : open) {
            ServingView.Slot slot = new ServingView.Slot(i.version(), i.uri(), i.digest(), i.traffic(), i.from(),
                    i.request(), governance.grants(model, i.version(), environment, at));
            if (ServingProjection.CHAMPION.equals(i.role())) {
                champion = slot;
            } else {
                candidate = slot;
            }
        }
        return new ServingView(model, environment, at, champion != null || candidate != null, champion, candidate);
    }
}
