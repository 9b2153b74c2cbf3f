package com.acme.registry.lineage;

import com.acme.registry.sql.Rows;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/** Lineage, in plain SQL over the catalog and serving read models. */
@Repository
class LineageQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    LineageQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Which dataset: its name, and optionally its version, digest and the role it had. */
    record DatasetFilter(String name, String version, String digest, String role) {
    }

    /** Empty when the model has no such version. */
    Optional<VersionLineage> version(String model, int version) {
        Optional<VersionLineage> evidence = jdbc.query(
                "SELECT * FROM catalog_version WHERE model_name = ? AND version = ?",
                (rs, n) -> new VersionLineage(rs.getString("model_name"), rs.getInt("version"), rs.getString("status"),
                        rs.getString("registered_by"), Rows.instant(rs, "registered_at"), rs.getString("artifact_uri"),
                        rs.getString("artifact_digest"), Rows.json(rs, "datasets", json), Rows.json(rs, "training_run", json),
                        Rows.json(rs, "source", json), Rows.json(rs, "features", json), rs.getObject("parent_version", Integer.class),
                        List.of(), List.of()), model, version).stream().findFirst();
        // queried one after the other, never inside a row mapper (which would hold two pooled connections)
        return evidence.map(v -> new VersionLineage(v.modelName(), v.version(), v.status(), v.registeredBy(),
                v.registeredAt(), v.artifactUri(), v.artifactDigest(), v.datasets(), v.trainingRun(), v.source(),
                v.features(), v.parentVersion(), parentChain(model, version), servedIn(model, version)));
    }

    /**
     * The parent, its parent, … to the root. A parent is always an earlier version of the same model (checked
     * at registration); following only strictly smaller numbers guarantees the recursion ends whatever the data.
     */
    private List<VersionLineage.Ancestor> parentChain(String model, int version) {
        return jdbc.query("""
                WITH RECURSIVE chain (version, depth) AS (
                    SELECT parent_version, 1 FROM catalog_version
                    WHERE model_name = ? AND version = ? AND parent_version < version
                  UNION ALL
                    SELECT v.parent_version, c.depth + 1 FROM chain c
                    JOIN catalog_version v ON v.model_name = ? AND v.version = c.version
                    WHERE v.parent_version < v.version
                )
                SELECT v.version, v.registered_at, v.registered_by, v.artifact_digest, v.status
                FROM chain c JOIN catalog_version v ON v.model_name = ? AND v.version = c.version
                ORDER BY c.depth""",
                (rs, n) -> new VersionLineage.Ancestor(rs.getInt("version"), Rows.instant(rs, "registered_at"),
                        rs.getString("registered_by"), rs.getString("artifact_digest"), rs.getString("status")),
                model, version, model, model);
    }

    private List<VersionLineage.ServedIn> servedIn(String model, int version) {
        Map<String, List<VersionLineage.Interval>> groups = new LinkedHashMap<>();
        jdbc.query("""
                SELECT environment, role, valid_from, valid_to, traffic_percent FROM serving_interval
                WHERE model_name = ? AND version = ? ORDER BY environment, role, valid_from, opened_at""", rs -> {
            groups.computeIfAbsent(rs.getString("environment") + "\u0000" + rs.getString("role"),
                    k -> new ArrayList<>()).add(new VersionLineage.Interval(Rows.instant(rs, "valid_from"),
                    Rows.instant(rs, "valid_to"), rs.getInt("traffic_percent")));
        }, model, version);
        List<VersionLineage.ServedIn> served = new ArrayList<>();
        groups.forEach((key, intervals) -> {
            String[] parts = key.split("\u0000", 2);
            served.add(new VersionLineage.ServedIn(parts[0], parts[1], List.copyOf(intervals)));
        });
        return served;
    }

    /** Every version whose evidence names the dataset, newest first, and where each serves now. */
    Page<DatasetUsage> usages(DatasetFilter filter, PageRequest page) {
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("name", filter.name());
        if (filter.version() != null) {
            wanted.put("version", filter.version());
        }
        if (filter.digest() != null) {
            wanted.put("digest", filter.digest());
        }
        if (filter.role() != null) {
            wanted.put("role", filter.role());
        }
        String contains = json.writeValueAsString(List.of(wanted));
        Long total = jdbc.queryForObject("""
                SELECT count(*) FROM catalog_version WHERE datasets @> ?::jsonb""", Long.class, contains);
        record Row(String model, int version, JsonNode datasets, Instant registeredAt, String status,
                   String modelStatus) {
        }
        List<Row> rows = jdbc.query("""
                SELECT v.model_name, v.version, v.datasets, v.registered_at, v.status, m.status AS model_status
                FROM catalog_version v LEFT JOIN catalog_model m ON m.name = v.model_name
                WHERE v.datasets @> ?::jsonb
                ORDER BY v.registered_at DESC, v.model_name, v.version DESC LIMIT ? OFFSET ?""",
                (rs, n) -> new Row(rs.getString("model_name"), rs.getInt("version"), Rows.json(rs, "datasets", json),
                        Rows.instant(rs, "registered_at"), rs.getString("status"), rs.getString("model_status")),
                contains, page.size(), page.offset());
        Map<String, List<DatasetUsage.ServingNow>> serving = servingNow(rows.stream().map(Row::model).distinct()
                .toList());
        List<DatasetUsage> items = rows.stream().map(r -> {
            List<DatasetUsage.Match> matches = new ArrayList<>();
            for (JsonNode d : r.datasets()) {
                DatasetUsage.Match m = new DatasetUsage.Match(text(d, "name"), text(d, "version"), text(d, "digest"),
                        text(d, "uri"), text(d, "role"));
                boolean matching = wanted.entrySet().stream().allMatch(w -> w.getValue().equals(text(d, w.getKey())));
                if (matching) {
                    matches.add(m);
                }
            }
            List<String> roles = List.copyOf(new TreeSet<>(matches.stream().map(DatasetUsage.Match::role)
                    .filter(Objects::nonNull).toList()));
            return new DatasetUsage(r.model(), r.version(), roles, List.copyOf(matches), r.registeredAt(), r.status(),
                    r.modelStatus(), serving.getOrDefault(r.model() + "#" + r.version(), List.of()));
        }).toList();
        return Page.of(items, page, total == null ? 0 : total);
    }

    /** model#version → where it serves now, from the hot-path table; environments in name order. */
    private Map<String, List<DatasetUsage.ServingNow>> servingNow(List<String> models) {
        Map<String, List<DatasetUsage.ServingNow>> serving = new HashMap<>();
        if (models.isEmpty()) {
            return serving;
        }
        String in = String.join(", ", java.util.Collections.nCopies(models.size(), "?"));
        jdbc.query("SELECT model_name, environment, champion_version, candidate_version, candidate_traffic"
                + " FROM serving_state WHERE model_name IN (" + in + ") ORDER BY model_name, environment", rs -> {
            String model = rs.getString("model_name");
            Integer champion = rs.getObject("champion_version", Integer.class);
            Integer candidate = rs.getObject("candidate_version", Integer.class);
            int candidateTraffic = candidate == null ? 0 : rs.getInt("candidate_traffic");
            if (champion != null) {
                serving.computeIfAbsent(model + "#" + champion, k -> new ArrayList<>()).add(
                        new DatasetUsage.ServingNow(rs.getString("environment"), "CHAMPION", 100 - candidateTraffic));
            }
            if (candidate != null) {
                serving.computeIfAbsent(model + "#" + candidate, k -> new ArrayList<>()).add(
                        new DatasetUsage.ServingNow(rs.getString("environment"), "CANDIDATE", candidateTraffic));
            }
        }, models.toArray());
        return serving;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
