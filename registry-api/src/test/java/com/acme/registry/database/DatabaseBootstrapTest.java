package com.acme.registry.database;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseBootstrapTest {

    @Test
    void createsAMissingDatabaseOnceAndLeavesAnExistingOneAlone() throws Exception {
        TestDatabase.Coordinates server = TestDatabase.shared();
        String adminUrl = server.url().substring(0, server.url().lastIndexOf('/') + 1) + "postgres";
        String name = "registry_bootstrap_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            DatabaseBootstrap.createDatabaseIfMissing(adminUrl, server.user(), server.password(), name);
            DatabaseBootstrap.createDatabaseIfMissing(adminUrl, server.user(), server.password(), name);
            assertThat(countDatabases(adminUrl, server, name)).isEqualTo(1);
        } finally {
            try (Connection admin = DriverManager.getConnection(adminUrl, server.user(), server.password());
                 Statement drop = admin.createStatement()) {
                drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void usesTheConfiguredDatabaseWhenOneIsGiven() {
        TestDatabase.Coordinates db = TestDatabase.shared();
        Properties properties = DatabaseBootstrap.prepare(Map.of("REGISTRY_DB_URL", db.url(),
                "REGISTRY_DB_USER", db.user(), "REGISTRY_DB_PASSWORD", db.password()));
        assertThat(properties.getProperty("spring.datasource.url")).isEqualTo(db.url());
        assertThat(properties.getProperty("spring.datasource.username")).isEqualTo(db.user());
    }

    @Test
    void whenNoDatabaseAnswersItSaysInOneLineWhatToSet() {
        assertThatThrownBy(() -> DatabaseBootstrap.prepare(Map.of("REGISTRY_DB_URL",
                "jdbc:postgresql://127.0.0.1:1/registry?connectTimeout=2")))
                .isInstanceOf(DatabaseBootstrap.DatabaseUnavailableException.class)
                .hasMessageContaining("REGISTRY_DB_URL")
                .hasMessageContaining("127.0.0.1:1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private static int countDatabases(String adminUrl, TestDatabase.Coordinates server, String name) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl, server.user(), server.password());
             Statement query = admin.createStatement();
             ResultSet rs = query.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
