package com.acme.registry.operations.rebuild;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The PostgreSQL schema a rebuild writes into, beside the live read-model tables in {@code public}: one empty copy of
 * every read-model table (columns, defaults, constraints and indexes, under the same names), and its swap into
 * {@code public}. The schema exists exactly while a rebuild is in progress: it is the rebuild's persisted state,
 * created in one transaction and removed by the swap's transaction.
 * <p>
 * The tables are listed here, not discovered: copying and swapping a table that is not a read model would replace
 * live data with a rebuilt nothing. A read-model table missing from the list cannot be written by mistake either: the
 * rebuild's transactions see only this schema (no {@code public} on their search path), so a projection that writes
 * a table not listed here fails the rebuild loudly instead of writing into the live table.
 * Every call runs in the caller's transaction.
 */
public class RebuildSchema {

    public static final String SCHEMA = "read_models_rebuild";

    /** Every table the read-models processing group writes (its projections' reset handlers truncate the same). */
    public static final List<String> TABLES = List.of(
            "catalog_model", "catalog_version", "catalog_version_metric", "catalog_alias",
            "promotion_request", "promotion_approval", "model_rollback", "rollout_start", "model_release",
            "serving_state", "serving_artifact", "serving_interval");

    private final JdbcTemplate jdbc;

    public RebuildSchema(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Who started the rebuild in progress, and when (kept as the schema's comment); empty when none is. */
    public Optional<String> inProgress() {
        return jdbc.queryForList("SELECT coalesce(obj_description(oid, 'pg_namespace'), '') FROM pg_namespace"
                + " WHERE nspname = ?", String.class, SCHEMA).stream().findFirst();
    }

    /**
     * Creates the schema with an empty copy of every read-model table (replacing what an earlier attempt left).
     * {@code LIKE … INCLUDING ALL} copies columns, defaults, constraints and the indexes, but names the indexes that
     * back no constraint after their columns; those are created from their live definition instead, so that after
     * the swap every index has the name the migrations gave it.
     */
    public void create(String comment) {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        jdbc.execute("CREATE SCHEMA " + SCHEMA);
        for (String table : TABLES) {
            jdbc.execute("CREATE TABLE " + SCHEMA + "." + table + " (LIKE public." + table
                    + " INCLUDING ALL EXCLUDING INDEXES)");
            for (Map<String, Object> index : indexes("public", table)) {
                String name = (String) index.get("name");
                String constraint = (String) index.get("constraint_definition");
                if (constraint != null) {
                    jdbc.execute("ALTER TABLE " + SCHEMA + "." + table + " ADD CONSTRAINT " + quote(name) + " "
                            + constraint);
                } else {
                    String definition = (String) index.get("definition");
                    String live = " ON public." + table + " ";
                    if (!definition.contains(live)) {
                        throw new IllegalStateException("Unexpected index definition: " + definition);
                    }
                    jdbc.execute(definition.replace(live, " ON " + SCHEMA + "." + table + " "));
                }
            }
        }
        jdbc.update("COMMENT ON SCHEMA " + SCHEMA + " IS " + literal(comment));
    }

    /**
     * Whether the rebuild's tables still have the live tables' columns and indexes: false after a migration changed
     * a read-model table between a crash during a rebuild and the next start (the rebuild then starts again).
     */
    public boolean matchesLiveTables() {
        for (String table : TABLES) {
            if (!columns("public", table).equals(columns(SCHEMA, table))
                    || !indexShapes("public", table).equals(indexShapes(SCHEMA, table))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces the live tables by the rebuilt ones and removes the schema. Takes every live table's exclusive lock
     * first, in one statement: readers wait (for at most the caller's lock timeout) and then read the rebuilt tables.
     */
    public void swap() {
        jdbc.execute("LOCK TABLE " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList())
                + " IN ACCESS EXCLUSIVE MODE");
        jdbc.execute("DROP TABLE " + String.join(", ", TABLES.stream().map(t -> "public." + t).toList()));
        for (String table : TABLES) {
            jdbc.execute("ALTER TABLE " + SCHEMA + "." + table + " SET SCHEMA public");
        }
        jdbc.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
    }

    /** Abandons a rebuild: drops its schema and everything in it. */
    public void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    private List<Map<String, Object>> indexes(String schema, String table) {
        return jdbc.queryForList("""
                SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition,
                       pg_get_constraintdef(c.oid) AS constraint_definition
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                LEFT JOIN pg_constraint c ON c.conindid = i.oid AND c.conrelid = t.oid
                WHERE n.nspname = ? AND t.relname = ?
                ORDER BY i.relname""", schema, table);
    }

    /** Each index's name and definition without the schema, comparable across schemas. */
    private List<String> indexShapes(String schema, String table) {
        return indexes(schema, table).stream().map(index -> index.get("name") + " "
                + ((String) index.get("definition")).replace(" ON " + schema + "." + table + " ", " ON " + table + " ")
                + " " + Objects.toString(index.get("constraint_definition"), "")).toList();
    }

    private List<Map<String, Object>> columns(String schema, String table) {
        return jdbc.queryForList("""
                SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ?
                ORDER BY ordinal_position""", schema, table);
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
