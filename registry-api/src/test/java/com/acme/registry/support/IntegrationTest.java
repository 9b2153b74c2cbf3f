package com.acme.registry.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

/**
 * The whole registry on a random port against a real PostgreSQL, in demo mode (demo users, password "demo").
 * All subclasses share one Spring context and one database; each test names its models uniquely. Sign-in
 * throttling is out of the way here (limits no test reaches).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "logging.level.com.acme=INFO",
        // the shared context's tests send many wrong passwords from 127.0.0.1 on purpose; SignInThrottleTest and
        // FormSignInThrottleTest check the throttle with the registry's default limits
        "registry.sign-in.account-limit=1000000", "registry.sign-in.address-limit=1000000",
        // webhook receivers are started by the tests on this machine, over plain http; retries are quick
        "registry.webhooks.allow-http=true", "registry.webhooks.allowed-networks=127.0.0.1/32",
        "registry.webhooks.initial-backoff=100ms", "registry.webhooks.max-backoff=400ms",
        "registry.webhooks.retry-for=3s", "registry.webhooks.read-timeout=1s"})
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.shared().register(registry, "audit-key.pem");
        registry.add("registry.webhooks.secret-key-file", () -> TestDatabase.tempDir().resolve("webhook.key").toString());
    }

    protected Api as(String user) {
        return Api.basic(port, user, "demo");
    }

    protected Api anonymous() {
        return Api.anonymous(port);
    }

    protected Api withToken(String secret) {
        return Api.bearer(port, secret);
    }

    /** A model name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Until every processing group has projected {@code position}, and no later than 30 s. */
    protected void awaitProjected(long position) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode groups = as("adam").get("/api/v1/admin/read-models").json().path("groups");
            boolean done = true;
            for (JsonNode group : groups) {
                done &= group.path("position").asLong() >= position && group.path("lag").asLong() == 0;
            }
            if (done) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("not projected: " + as("adam").get("/api/v1/admin/read-models"));
    }
}
