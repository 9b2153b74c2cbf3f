package com.acme.registry.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

/**
 * Finds the registry's database before Spring starts: {@code REGISTRY_DB_URL} (+ user, password) when set,
 * otherwise PostgreSQL on localhost:5432 as {@code postgres}, creating the database {@code registry} if missing.
 * When no database answers, the process stops with one line that says what to set.
 */
public final class DatabaseBootstrap {

    static final String DEFAULT_SERVER = "jdbc:postgresql://localhost:5432/";
    static final String DEFAULT_DATABASE = "registry";

    private DatabaseBootstrap() {
    }

    /** Where the registry cannot run: the message is the one line an operator reads. */
    public static final class DatabaseUnavailableException extends RuntimeException {
        DatabaseUnavailableException(String message) {
            super(message);
        }
    }

    public static Properties prepare(Map<String, String> env) {
        String url = env.get("REGISTRY_DB_URL");
        String user = env.getOrDefault("REGISTRY_DB_USER", "postgres");
        String password = env.getOrDefault("REGISTRY_DB_PASSWORD", "");
        try {
            if (url == null || url.isBlank()) {
                url = DEFAULT_SERVER + DEFAULT_DATABASE;
                createDatabaseIfMissing(DEFAULT_SERVER + "postgres", user, password, DEFAULT_DATABASE);
            }
            DriverManager.getConnection(url, user, password).close();
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("No database answers at " + url + " (" + e.getMessage()
                    + "): start PostgreSQL on localhost:5432 or set REGISTRY_DB_URL, REGISTRY_DB_USER and REGISTRY_DB_PASSWORD.");
        }
        Properties properties = new Properties();
        properties.setProperty("spring.datasource.url", url);
        properties.setProperty("spring.datasource.username", user);
        properties.setProperty("spring.datasource.password", password);
        return properties;
    }

    /** Creates {@code database} on the server behind {@code adminUrl} unless it exists already. */
    public static void createDatabaseIfMissing(String adminUrl, String user, String password, String database)
            throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
             PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = admin.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another process
                    throw e;
                }
            }
        }
    }
}
