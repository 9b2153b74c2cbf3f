package com.acme.registry.ui.model;

import com.acme.registry.rollout.ServingView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.acme.registry.sql.Rows.instant;

/**
 * What serves each model of a catalog page, in every environment, with one query over the serving hot-path table
 * instead of one lookup per model and environment. Rows mean the same as {@code ServingQueries.current}.
 */
@Repository
class ServingOverview {

    private final JdbcTemplate jdbc;

    ServingOverview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** model → environment → serving state; a model or environment that never served has no entry. */
    Map<String, Map<String, ServingView>> of(List<String> models) {
        Map<String, Map<String, ServingView>> serving = new HashMap<>();
        if (models.isEmpty()) {
            return serving;
        }
        String in = String.join(", ", Collections.nCopies(models.size(), "?"));
        jdbc.query("SELECT * FROM serving_state WHERE model_name IN (" + in + ")", rs -> {
            String model = rs.getString("model_name");
            String environment = rs.getString("environment");
            Integer champion = rs.getObject("champion_version", Integer.class);
            Integer candidate = rs.getObject("candidate_version", Integer.class);
            int candidateTraffic = candidate == null ? 0 : rs.getInt("candidate_traffic");
            ServingView.Slot championSlot = champion == null ? null : new ServingView.Slot(champion,
                    rs.getString("champion_uri"), rs.getString("champion_digest"), 100 - candidateTraffic,
                    instant(rs, "champion_since"), null, null);
            ServingView.Slot candidateSlot = candidate == null ? null : new ServingView.Slot(candidate,
                    rs.getString("candidate_uri"), rs.getString("candidate_digest"), candidateTraffic,
                    instant(rs, "candidate_since"), rs.getObject("candidate_request", Integer.class), null);
            serving.computeIfAbsent(model, k -> new HashMap<>()).put(environment, new ServingView(model, environment,
                    null, championSlot != null || candidateSlot != null, championSlot, candidateSlot));
        }, models.toArray());
        return serving;
    }
}
