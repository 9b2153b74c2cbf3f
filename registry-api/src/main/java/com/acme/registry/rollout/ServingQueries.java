package com.acme.registry.rollout;

import com.acme.registry.promotion.GovernanceQueries;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.acme.registry.sql.Rows.instant;

/** The hot path (one primary-key read) and the point-in-time view (the intervals open at an instant). */
@Repository
public class ServingQueries {

    private final JdbcTemplate jdbc;
    private final GovernanceQueries governance;
    private final ServingStateCache cache;

    public ServingQueries(JdbcTemplate jdbc, GovernanceQueries governance, ServingStateCache cache) {
        this.jdbc = jdbc;
        this.governance = governance;
        this.cache = cache;
    }

    /** Empty when nothing ever served there. */
    public Optional<ServingView> current(String model, String environment) {
        return cache.current(model, environment, () -> load(model, environment));
    }

    private Optional<ServingView> load(String model, String environment) {
        return jdbc.query("SELECT * FROM serving_state WHERE model_name = ? AND environment = ?", (rs, n) -> {
            Integer champion = rs.getObject("champion_version", Integer.class);
            Integer candidate = rs.getObject("candidate_version", Integer.class);
            int candidateTraffic = candidate == null ? 0 : rs.getInt("candidate_traffic");
            ServingView.Slot championSlot = champion == null ? null : new ServingView.Slot(champion,
                    rs.getString("champion_uri"), rs.getString("champion_digest"), 100 - candidateTraffic,
                    instant(rs, "champion_since"), null, null);
            ServingView.Slot candidateSlot = candidate == null ? null : new ServingView.Slot(candidate,
                    rs.getString("candidate_uri"), rs.getString("candidate_digest"), candidateTraffic,
                    instant(rs, "candidate_since"), rs.getObject("candidate_request", Integer.class), null);
            return new ServingView(model, environment, null, champion != null || candidate != null, championSlot,
                    candidateSlot);
        }, model, environment).stream().findFirst();
    }

    public ServingView asOf(String model, String environment, Instant at) {
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
