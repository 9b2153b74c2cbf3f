package com.acme.registry.security;

import com.acme.registry.support.Api;
import com.acme.registry.support.FromAddress;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in throttling of the API with the registry's default limits (10 failures per user name, 30 per address, in 15
 * minutes). Each test sends from a loopback address of its own, so that the tests do not throttle one another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "spring.datasource.hikari.maximum-pool-size=4"})
class SignInThrottleTest {

    private static final TestDatabase.Coordinates DATABASE = TestDatabase.fresh("throttle");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.register(registry, "throttle-audit-key.pem");
    }

    @Test
    void elevenWrongPasswordsThenTheRightOneAreAnswered429WithRetryAfterAndRecordedOnce() {
        FromAddress client = FromAddress.fresh(port);
        for (int i = 1; i <= 10; i++) {
            assertThat(client.get("/api/v1/me", FromAddress.basic("bob", "guess-" + i)).status())
                    .as("failure %d is checked", i).isEqualTo(401);
        }
        FromAddress.Answer eleventh = client.get("/api/v1/me", FromAddress.basic("bob", "guess-11"));
        FromAddress.Answer right = client.get("/api/v1/me", FromAddress.basic("bob", "demo"));
        FromAddress.Answer elsewhere = FromAddress.fresh(port).get("/api/v1/me", FromAddress.basic("bob", "demo"));
        FromAddress.Answer apiDocs = FromAddress.fresh(port).get("/v3/api-docs", FromAddress.basic("bob", "demo"));

        for (FromAddress.Answer answer : List.of(eleventh, right, elsewhere, apiDocs)) {
            assertThat(answer.status()).as("%s", answer).isEqualTo(429);
            assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 900L);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("urn:model-registry:problem:sign-in-throttled")
                    .contains("\"rule\":\"sign-in-throttled\"");
        }
        assertThat(Api.basic(port, "alice", "demo").get("/api/v1/me").status()).as("another account").isEqualTo(200);
        assertThat(records("SignInThrottled", "attemptedUser", "bob")).containsExactly(
                Map.of("limit", "10", "window", "PT15M", "status", "429"));
        assertThat(records("AuthenticationFailed", "attemptedUser", "bob")).hasSize(10);
    }

    @Test
    void anAddressIsThrottledAcrossUserNames() {
        FromAddress client = FromAddress.fresh(port);
        for (int i = 1; i <= 30; i++) {
            assertThat(client.get("/api/v1/me", FromAddress.basic(unique("sprayed"), "guess")).status())
                    .as("failure %d is checked", i).isEqualTo(401);
        }
        FromAddress.Answer next = client.get("/api/v1/me", FromAddress.basic(unique("sprayed"), "guess"));
        FromAddress.Answer right = client.get("/api/v1/me", FromAddress.basic("carla", "demo"));

        assertThat(next.status()).isEqualTo(429);
        assertThat(right.status()).as("the right password from a throttled address").isEqualTo(429);
        assertThat(Long.parseLong(right.header("Retry-After"))).isBetween(1L, 900L);
        assertThat(FromAddress.fresh(port).get("/api/v1/me", FromAddress.basic("carla", "demo")).status())
                .as("carla from another address").isEqualTo(200);
        assertThat(records("SignInThrottled", "address", client.address())).containsExactly(
                Map.of("limit", "30", "window", "PT15M", "status", "429"));
    }

    @Test
    void failedApiTokensAreThrottledByAddressAndAValidTokenStillServes() {
        Api.Response issued = Api.basic(port, "adam", "demo").post("/api/v1/admin/tokens",
                Map.of("name", unique("serving"), "roles", List.of("READER"), "validDays", 30));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        String secret = issued.json().path("secret").asString();
        FromAddress client = FromAddress.fresh(port);
        for (int i = 1; i <= 30; i++) {
            assertThat(client.get("/api/v1/models", "Bearer mrt_not-a-token-" + i).status()).isEqualTo(401);
        }

        FromAddress.Answer next = client.get("/api/v1/models", "Bearer mrt_not-a-token-31");
        assertThat(next.status()).isEqualTo(429);
        assertThat(next.header("Retry-After")).isNotNull();
        assertThat(client.get("/api/v1/models", "Bearer " + secret).status())
                .as("a valid token is checked (a hash, no guessing possible) and serves").isEqualTo(200);
        assertThat(client.get("/api/v1/me", FromAddress.basic("alice", "demo")).status())
                .as("a password from the throttled address is not checked").isEqualTo(429);
        assertThat(records("SignInThrottled", "address", client.address())).hasSize(1);
    }

    @Test
    void requestsWithoutCredentialsNeitherCountNorLeaveRecords() {
        FromAddress client = FromAddress.fresh(port);
        String path = "/api/v1/models/" + unique("anonymous");
        for (int i = 1; i <= 40; i++) {
            assertThat(client.get(path, null).status()).isEqualTo(401);
        }
        assertThat(client.get("/api/v1/me", FromAddress.basic("alice", "demo")).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE details::jsonb->>'path' = ?",
                Long.class, path)).isZero();
    }

    /** The limit, window and status of each record of {@code action} whose {@code key} detail is {@code value}. */
    private List<Map<String, Object>> records(String action, String key, String value) {
        return jdbc.queryForList("""
                SELECT details::jsonb->>'limit' AS "limit", details::jsonb->>'window' AS "window",
                       details::jsonb->>'status' AS "status"
                FROM audit_record WHERE action = ? AND details::jsonb->>? = ?""", action, key, value).stream()
                .map(row -> {
                    Map<String, Object> kept = new java.util.HashMap<>(row);
                    kept.values().removeIf(java.util.Objects::isNull);
                    return (Map<String, Object>) kept;
                }).toList();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
