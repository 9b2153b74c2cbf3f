package com.acme.registry.faults;

import com.acme.registry.bench.registry.Database;
import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the event store (Axon's domain_event_entry) says, read directly with SQL: the truth the read models follow. */
public final class EventStore {

    static final String MODEL_REGISTERED = "com.acme.registry.model.ModelRegistered";
    static final String VERSION_REGISTERED = "com.acme.registry.model.ModelVersionRegistered";

    /** A stored ModelVersionRegistered. */
    public record StoredVersion(int version, String artifactUri, String artifactDigest) {
    }

    /** Per model (registered), its stored versions in store order. */
    public record Models(Map<String, List<StoredVersion>> versions) {
    }

    /** The head of the store: a refused request must leave both unchanged. */
    public record Head(long count, long maxIndex) {
    }

    private EventStore() {
    }

    public static Head head(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*), coalesce(max(global_index), 0) FROM domain_event_entry");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new Head(rs.getLong(1), rs.getLong(2));
        }
    }

    public static Models read(Database db) throws SQLException {
        Map<String, List<StoredVersion>> versions = new TreeMap<>();
        try (Connection c = Pg.connect(db)) {
            c.setAutoCommit(false); // a cursor: fetch size applies inside a transaction only
            try (PreparedStatement s = c.prepareStatement("SELECT aggregate_identifier, payload_type, payload "
                    + "FROM domain_event_entry WHERE payload_type IN (?, ?) ORDER BY global_index")) {
                s.setString(1, MODEL_REGISTERED);
                s.setString(2, VERSION_REGISTERED);
                s.setFetchSize(1_000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        List<StoredVersion> list = versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
                        if (VERSION_REGISTERED.equals(rs.getString(2))) {
                            JsonNode payload = Api.JSON.readTree(rs.getBytes(3));
                            list.add(new StoredVersion(payload.path("version").asInt(),
                                    payload.path("evidence").path("artifactUri").asText(),
                                    payload.path("evidence").path("artifactDigest").asText()));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new SQLException("an event payload is not JSON", e);
                }
            }
            c.commit();
        }
        return new Models(versions);
    }
}
