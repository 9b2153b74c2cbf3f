package com.acme.registry.bench.registry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The registry's PostgreSQL database, for baselines, bulk seeding and counts. */
public record Database(String url, String user, String password) {

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public long events() throws SQLException {
        return queryLong("SELECT count(*) FROM domain_event_entry");
    }

    /** The same server's maintenance database, for creating and dropping databases. */
    public Database server() {
        return new Database(withDatabase(url, "postgres"), user, password);
    }

    public Database withName(String database) {
        return new Database(withDatabase(url, database), user, password);
    }

    /** {@code jdbc:postgresql://host:port/db?x=y} with another database name. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        if (!url.startsWith("jdbc:postgresql://") || slash < 0) {
            throw new IllegalArgumentException("expected jdbc:postgresql://host:port/database, got " + url);
        }
        int query = url.indexOf('?', slash);
        return url.substring(0, slash + 1) + database + (query < 0 ? "" : url.substring(query));
    }
}
