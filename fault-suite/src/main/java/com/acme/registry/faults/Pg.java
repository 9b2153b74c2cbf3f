package com.acme.registry.faults;

import com.acme.registry.bench.registry.Database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The suite's own SQL, patient with a server that is full: this machine's PostgreSQL is shared (max_connections), so a
 * connection refused with "too many clients" (SQLSTATE 53300) is retried for up to two minutes instead of failing a
 * scenario for a reason that is not the registry's.
 */
public final class Pg {

    private static final String TOO_MANY_CLIENTS = "53300";
    private static final long PATIENCE_MILLIS = 120_000;

    private Pg() {
    }

    public static Connection connect(Database db) throws SQLException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (true) {
            try {
                return db.connect();
            } catch (SQLException e) {
                if (!TOO_MANY_CLIENTS.equals(e.getSQLState()) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    public static void execute(Database db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public static long queryLong(Database db, String sql) throws SQLException {
        try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static boolean tooManyClients(String log) {
        return log.contains("too many clients");
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
