package com.acme.registry.support;

import com.acme.registry.database.DatabaseBootstrap;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for a test run: in a Testcontainers container where Docker runs, otherwise on
 * the local server (localhost:5432, user postgres), dropped when the JVM ends. Never H2, never a mock.
 */
public final class TestDatabase {

    public record Coordinates(String url, String user, String password) {

        /** Points a Spring test context at this database, with an audit signing key file of its own. */
        public void register(org.springframework.test.context.DynamicPropertyRegistry registry, String keyFileName) {
            registry.add("spring.datasource.url", this::url);
            registry.add("spring.datasource.username", this::user);
            registry.add("spring.datasource.password", this::password);
            registry.add("registry.audit.signing-key-file", () -> tempDir().resolve(keyFileName).toString());
        }
    }

    private static final String LOCAL_SERVER = System.getProperty("registry.test.db.server",
            "jdbc:postgresql://localhost:5432/");

    private TestDatabase() {
    }

    /** A directory for this test run's files (e.g. the audit signing key), deleted when the JVM ends. */
    public static java.nio.file.Path tempDir() {
        return TempDir.PATH;
    }

    private static final class TempDir {
        static final java.nio.file.Path PATH = create();

        private static java.nio.file.Path create() {
            try {
                java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("registry-test");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try (var files = java.nio.file.Files.walk(dir)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (java.io.IOException ignored) {
                        // best effort
                    }
                }));
                return dir;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** One database per JVM for the shared Spring context. */
    public static Coordinates shared() {
        return Shared.COORDINATES;
    }

    private static final class Shared {
        static final Coordinates COORDINATES = fresh("shared");
    }

    /** A new database of its own, e.g. for a context that must start empty. */
    public static Coordinates fresh(String purpose) {
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            return new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        String name = ("registry_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try {
            DatabaseBootstrap.createDatabaseIfMissing(LOCAL_SERVER + "postgres", "postgres", "", name);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL on localhost:5432 (user postgres) or Docker", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drop(name)));
        return new Coordinates(LOCAL_SERVER + name, "postgres", "");
    }

    /** A fresh database with every Flyway migration applied, for tests that need no Spring context. */
    public static DataSource migrated(String purpose) {
        Coordinates db = fresh(purpose);
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .load().migrate();
        return new DriverManagerDataSource(db.url(), db.user(), db.password());
    }

    private static void drop(String name) {
        try (Connection admin = DriverManager.getConnection(LOCAL_SERVER + "postgres", "postgres", "");
             Statement drop = admin.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("registry.test.local-db")) {
            return false;
        }
        if (System.getenv("DOCKER_HOST") == null && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            return false; // only a Docker client, no engine: skip Testcontainers' noisy probe
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
