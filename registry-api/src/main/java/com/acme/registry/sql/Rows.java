package com.acme.registry.sql;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column readers shared by the read models' queries. */
public final class Rows {

    private Rows() {
    }

    /** A {@code timestamptz} column as an Instant, or null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A {@code jsonb} column as a JSON tree, or null. */
    public static JsonNode json(ResultSet rs, String column, JsonMapper mapper) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : mapper.readTree(value);
    }
}
