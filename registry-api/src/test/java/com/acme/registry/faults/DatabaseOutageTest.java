package com.acme.registry.faults;

import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database refuses connections (ALLOW_CONNECTIONS false, every backend terminated): writes, reads, HTTP Basic
 * with correct credentials and API tokens are answered 503 with Retry-After, never 500 or 401; once
 * it takes connections again the registry answers normally without a restart. A context and database of its own, so
 * the outage disturbs no other test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "logging.level.com.acme=INFO",
        "spring.datasource.hikari.connection-timeout=1500", "spring.datasource.hikari.validation-timeout=1000",
        "spring.datasource.hikari.maximum-pool-size=6"})
@DirtiesContext
class DatabaseOutageTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("outage");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry, "outage-key.pem");
    }

    @LocalServerPort
    int port;

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfterForEveryKindOfRequestAndTheRegistryRecovers() throws Exception {
        Api alice = Api.basic(port, "alice", "demo");
        String model = "outage-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(alice.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        Api.Response issued = Api.basic(port, "adam", "demo").post("/api/v1/admin/tokens",
                Map.of("name", "outage-probe-" + UUID.randomUUID().toString().substring(0, 8), "roles",
                        List.of("ML_ENGINEER"), "owner", "alice", "validDays", 1));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        Api token = Api.bearer(port, issued.json().path("secret").asString());

        String database = DB.url().substring(DB.url().lastIndexOf('/') + 1);
        refuseConnections(database, true);
        try {
            assertUnavailable(alice.post("/api/v1/models", Samples.model(model + "-2")), "write");
            assertUnavailable(alice.post("/api/v1/models/" + model + "/versions", Samples.version()), "write");
            assertUnavailable(alice.header("Idempotency-Key", "k1")
                    .post("/api/v1/models/" + model + "/versions", Samples.version()), "idempotent write");
            assertUnavailable(alice.get("/api/v1/models/" + model), "read with HTTP Basic");
            assertUnavailable(token.get("/api/v1/models/" + model), "read with an API token");
            assertUnavailable(Api.basic(port, "adam", "demo").get("/api/v1/admin/users"), "an admin read");
        } finally {
            refuseConnections(database, false);
        }

        long restored = System.nanoTime();
        Api.Response write = null;
        while (System.nanoTime() - restored < Duration.ofSeconds(30).toNanos()) {
            write = alice.post("/api/v1/models/" + model + "/versions", Samples.version());
            if (write.status() != 503) {
                break;
            }
            Thread.sleep(250);
        }
        assertThat(write.status()).as("recovered without a restart: %s", write).isIn(201, 202);
        assertThat(alice.get("/api/v1/models/" + model).status()).isEqualTo(200);
        assertThat(token.get("/api/v1/models/" + model).status()).isEqualTo(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline
                && (status = Api.basic(port, "adam", "demo").get("/actuator/health/projections").status()) != 200) {
            Thread.sleep(500);
        }
        assertThat(status).as("projections healthy again").isEqualTo(200);
    }

    private static void assertUnavailable(Api.Response response, String what) {
        assertThat(response.status()).as("%s: %s", what, response).isEqualTo(503);
        assertThat(response.header("Retry-After")).as(what).isNotBlank();
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
        assertThat(response.json().path("type").asString()).isEqualTo("urn:model-registry:problem:database-unavailable");
    }

    /** From an admin connection to the server's "postgres" database: refuse (and cut) or allow connections. */
    private static void refuseConnections(String database, boolean refuse) throws SQLException {
        String server = DB.url().substring(0, DB.url().lastIndexOf('/') + 1) + "postgres";
        try (Connection admin = DriverManager.getConnection(server, DB.user(), DB.password());
             Statement sql = admin.createStatement()) {
            sql.execute("ALTER DATABASE \"" + database + "\" WITH ALLOW_CONNECTIONS " + !refuse);
            if (refuse) {
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            }
        }
    }
}
