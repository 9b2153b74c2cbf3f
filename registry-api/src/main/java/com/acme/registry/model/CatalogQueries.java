package com.acme.registry.model;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;

import com.acme.registry.sql.Rows;
import com.acme.registry.validation.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads of the catalog read model, in plain SQL. */
@Repository
class CatalogQueries {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public CatalogQueries(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Models with their free aliases: names and versions as two arrays in the same order (by alias, as Java sorts
     * strings), read in the page's one query through the alias table's primary key.
     */
    private static final String MODELS = """
            SELECT m.*,
                   (SELECT array_agg(a.alias ORDER BY a.alias COLLATE "C") FROM catalog_alias a
                    WHERE a.model_name = m.name) AS alias_names,
                   (SELECT array_agg(a.version ORDER BY a.alias COLLATE "C") FROM catalog_alias a
                    WHERE a.model_name = m.name) AS alias_versions
            FROM catalog_model m""";

    /** Versions with the free aliases naming them, by name (index catalog_alias_version). */
    private static final String VERSIONS = """
            SELECT v.*,
                   (SELECT array_agg(a.alias ORDER BY a.alias COLLATE "C") FROM catalog_alias a
                    WHERE a.model_name = v.model_name AND a.version = v.version) AS alias_names
            FROM catalog_version v""";

    /** Version filter; a metric range applies when {@code metric} is given. */
    public record VersionFilter(String status, String metric, Double minValue, Double maxValue) {
    }

    /** The model, or a 404 that names it. */
    public ModelView requireModel(String name) {
        return model(name).orElseThrow(() -> new NotFoundException("No model named '" + name + "' is registered."));
    }

    public Optional<ModelView> model(String name) {
        return jdbc.query(MODELS + " WHERE name = ?", modelMapper(), name).stream().findFirst();
    }

    Page<ModelView> models(ModelSearch search, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (search.namePrefix() != null) {
            where.append(" AND name LIKE ? ESCAPE '\\'");
            args.add(search.namePrefix().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (search.ownerTeam() != null) {
            where.append(" AND owner_team = ?");
            args.add(search.ownerTeam());
        }
        if (search.riskTier() != null) {
            where.append(" AND risk_tier = ?");
            args.add(search.riskTier());
        }
        if (search.status() != null) {
            where.append(" AND status = ?");
            args.add(search.status());
        }
        if (search.tagKey() != null) {
            if (search.tagValue() != null) {
                where.append(" AND tags @> ?::jsonb");
                args.add(json.writeValueAsString(Map.of(search.tagKey(), search.tagValue())));
            } else {
                where.append(" AND jsonb_exists(tags, ?)");
                args.add(search.tagKey());
            }
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM catalog_model" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<ModelView> items = jdbc.query(MODELS + where + " ORDER BY name LIMIT ? OFFSET ?",
                modelMapper(), args.toArray());
        return Page.of(items, page, total == null ? 0 : total);
    }

    public Optional<VersionView> version(String model, int version) {
        return jdbc.query(VERSIONS + " WHERE v.model_name = ? AND v.version = ?", versionMapper(),
                model, version).stream().findFirst();
    }

    public Page<VersionView> versions(String model, VersionFilter filter, PageRequest page) {
        StringBuilder where = new StringBuilder(" WHERE v.model_name = ?");
        List<Object> args = new ArrayList<>(List.of(model));
        if (filter.status() != null) {
            where.append(" AND v.status = ?");
            args.add(filter.status());
        }
        if (filter.metric() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM catalog_version_metric m WHERE m.model_name = v.model_name"
                    + " AND m.version = v.version AND m.metric = ?");
            args.add(filter.metric());
            if (filter.minValue() != null) {
                where.append(" AND m.value >= ?");
                args.add(filter.minValue());
            }
            if (filter.maxValue() != null) {
                where.append(" AND m.value <= ?");
                args.add(filter.maxValue());
            }
            where.append(")");
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM catalog_version v" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<VersionView> items = jdbc.query(VERSIONS + where
                + " ORDER BY v.version DESC LIMIT ? OFFSET ?", versionMapper(), args.toArray());
        return Page.of(items, page, total == null ? 0 : total);
    }

    /** A page of models: at most {@code query.limit()}, from {@code query.offset()}. */
    List<ModelView> search(CatalogQuery query) {
        List<Object> args = new java.util.ArrayList<>(query.args());
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(MODELS + " WHERE " + query.condition() + " ORDER BY " + query.orderBy()
                + " LIMIT ? OFFSET ?", modelMapper(), args.toArray());
    }

    /** A page of versions, of any models. */
    List<VersionView> searchVersions(CatalogQuery query) {
        List<Object> args = new java.util.ArrayList<>(query.args());
        args.add(query.limit());
        args.add(query.offset());
        return jdbc.query(VERSIONS + " WHERE " + query.condition() + " ORDER BY "
                + query.orderBy() + " LIMIT ? OFFSET ?", versionMapper(), args.toArray());
    }

    /** The version a free alias of the model names, if the alias is set. */
    Optional<Integer> aliasVersion(String model, String alias) {
        return jdbc.queryForList("SELECT version FROM catalog_alias WHERE model_name = ? AND alias = ?",
                Integer.class, model, alias).stream().findFirst();
    }

    /** The owner teams that have models, by name. */
    List<String> ownerTeams() {
        return jdbc.queryForList("SELECT DISTINCT owner_team FROM catalog_model ORDER BY owner_team", String.class);
    }

    private RowMapper<ModelView> modelMapper() {
        return (rs, n) -> new ModelView(
                rs.getString("name"), rs.getString("description"), rs.getString("owner_team"),
                rs.getString("risk_tier"), rs.getString("intended_use"), rs.getString("use_restrictions"),
                Rows.json(rs, "tags", json), rs.getString("status"), rs.getString("registered_by"),
                Rows.instant(rs, "registered_at"), Rows.instant(rs, "retired_at"), rs.getString("retired_by"),
                rs.getString("retirement_reason"), rs.getInt("latest_version"), rs.getInt("version_count"),
                Rows.instant(rs, "last_updated_at"), aliases(rs));
    }

    private RowMapper<VersionView> versionMapper() {
        return (rs, n) -> new VersionView(
                rs.getString("model_name"), rs.getInt("version"), rs.getString("artifact_uri"),
                rs.getString("artifact_digest"), rs.getObject("artifact_size_bytes", Long.class),
                rs.getString("framework"), Rows.json(rs, "signature", json), Rows.json(rs, "metrics", json),
                Rows.json(rs, "params", json), Rows.json(rs, "training_run", json), Rows.json(rs, "source", json),
                Rows.json(rs, "datasets", json), Rows.json(rs, "features", json), rs.getObject("parent_version", Integer.class),
                rs.getString("description"), Rows.json(rs, "tags", json), rs.getString("status"),
                rs.getString("registered_by"), Rows.instant(rs, "registered_at"), Rows.instant(rs, "archived_at"),
                rs.getString("archived_by"), rs.getString("archive_reason"), Rows.instant(rs, "last_updated_at"),
                aliasNames(rs));
    }

    private static List<String> aliasNames(ResultSet rs) throws SQLException {
        Array names = rs.getArray("alias_names");
        return names == null ? List.of() : List.of((String[]) names.getArray());
    }

    private static Map<String, Integer> aliases(ResultSet rs) throws SQLException {
        List<String> names = aliasNames(rs);
        Integer[] versions = names.isEmpty() ? new Integer[0] : (Integer[]) rs.getArray("alias_versions").getArray();
        Map<String, Integer> aliases = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            aliases.put(names.get(i), versions[i]);
        }
        return Collections.unmodifiableMap(aliases);
    }
}
