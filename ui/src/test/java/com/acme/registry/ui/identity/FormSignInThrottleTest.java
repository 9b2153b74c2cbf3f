package com.acme.registry.ui.identity;

import com.acme.registry.support.TestDatabase;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sign-in form with the registry's default throttle (10 failures per user name in 15 minutes). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "spring.datasource.hikari.maximum-pool-size=4"})
class FormSignInThrottleTest {

    private static final TestDatabase.Coordinates DATABASE = TestDatabase.fresh("ui-throttle");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "ui-throttle-audit-key.pem");
    }

    @Test
    void afterTenWrongPasswordsTheFormAnswers429AndDoesNotCheckTheRightOne() {
        UiSession session = UiSession.anonymous(port);
        for (int i = 1; i <= 10; i++) {
            UiSession.Page failed = session.post("/login", Map.of("username", "bob", "password", "guess-" + i),
                    session.csrfToken("/login"));
            assertThat(failed.location()).as("failure %d is checked", i).endsWith("/login?error");
        }

        for (String password : new String[] {"guess-11", "demo"}) {
            UiSession.Page refused = session.post("/login", Map.of("username", "bob", "password", password),
                    session.csrfToken("/login"));
            assertThat(refused.status()).as(password).isEqualTo(429);
            assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 900L);
            assertThat(refused.body()).contains("Too many failed sign-ins").contains("try again in 15 minutes")
                    .contains("name=\"password\"");
        }
        assertThat(session.get("/catalog").location()).as("still signed out").endsWith("/login");
        assertThat(UiSession.signedIn(port, "alice").get("/catalog").status()).as("another account").isEqualTo(200);

        assertThat(jdbc.queryForList("SELECT (details::jsonb->>'limit') || ' ' || (details::jsonb->>'status') || ' '"
                + " || (details::jsonb->>'channel') FROM audit_record WHERE action = 'SignInThrottled' "
                + "AND details::jsonb->>'attemptedUser' = 'bob'", String.class)).containsExactly("10 429 ui");
    }
}
