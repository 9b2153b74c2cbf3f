package com.acme.registry.ui.faults;

import com.acme.registry.support.TestDatabase;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The UI under faults: an action whose change is stored while the read models cannot show it renders "Recorded"
 * (202), not an error; when the database refuses connections, sign-in and pages render "Temporarily unavailable"
 * (503), not "bad credentials". A context and database of their own, so no other test is disturbed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN",
        "spring.datasource.hikari.connection-timeout=1500", "spring.datasource.hikari.validation-timeout=1000",
        "spring.datasource.hikari.maximum-pool-size=6"})
@DirtiesContext
class UiFaultsTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("ui_faults");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry, "ui-faults-key.pem");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anActionStoredButNotYetShownRendersRecordedNotAnError() {
        jdbc.execute("""
                CREATE FUNCTION refuse_serving() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.model_name = 'checkout-conversion' THEN RAISE EXCEPTION 'test trigger'; END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_serving BEFORE INSERT ON serving_state FOR EACH ROW EXECUTE FUNCTION refuse_serving()");
        try {
            UiSession alice = UiSession.signedIn(port, "alice");
            UiSession.Page page = alice.post("/catalog/checkout-conversion/environments/staging/rollout",
                    Map.of("version", "1", "trafficPercent", "100"),
                    alice.csrfToken("/catalog"));
            assertThat(page.status()).as(page.body()).isEqualTo(202);
            assertThat(page.body()).contains("Recorded").contains("Do not repeat it").doesNotContain("Nothing was changed");
        } finally {
            jdbc.execute("DROP TRIGGER refuse_serving ON serving_state");
            jdbc.execute("DROP FUNCTION refuse_serving()");
        }
    }

    @Test
    void signInAndPagesRenderTemporarilyUnavailableWhileTheDatabaseRefusesConnections() throws Exception {
        UiSession signedIn = UiSession.signedIn(port, "alice");
        UiSession anonymous = UiSession.anonymous(port);
        String csrf = anonymous.csrfToken("/login");

        String database = DB.url().substring(DB.url().lastIndexOf('/') + 1);
        refuseConnections(database, true);
        try {
            UiSession.Page signIn = anonymous.post("/login", Map.of("username", "alice", "password", "demo"), csrf);
            assertThat(signIn.status()).as(signIn.body()).isEqualTo(503);
            assertThat(signIn.header("Retry-After")).isNotBlank();
            assertThat(signIn.body()).contains("Temporarily unavailable");
            assertThat(signIn.location()).as("not sent back to ?error").isNull();

            UiSession.Page catalog = signedIn.get("/catalog");
            assertThat(catalog.status()).as(catalog.body()).isEqualTo(503);
            assertThat(catalog.body()).contains("Temporarily unavailable");
        } finally {
            refuseConnections(database, false);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && (status = signedIn.get("/catalog").status()) != 200) {
            Thread.sleep(250);
        }
        assertThat(status).as("recovered without a restart").isEqualTo(200);
    }

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
