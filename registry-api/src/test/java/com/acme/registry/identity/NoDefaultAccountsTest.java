package com.acme.registry.identity;

import com.acme.registry.support.Api;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Outside demo mode the registry starts with no account at all, and nothing in the catalog. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "registry.demo=false")
class NoDefaultAccountsTest {

    private static final TestDatabase.Coordinates EMPTY = TestDatabase.fresh("nodemo");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EMPTY.register(registry, "nodemo-audit-key.pem");
    }

    @Test
    void hasNoUsersNoTokensAndRefusesTheDemoPasswords() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM app_user", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_token", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class)).isZero();
        for (String user : new String[] {"alice", "adam", "admin"}) {
            assertThat(Api.basic(port, user, "demo").get("/api/v1/models").status()).isEqualTo(401);
        }
        assertThat(Api.anonymous(port).get("/actuator/health").status()).isEqualTo(200);
    }
}
