package com.acme.registry.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
        "registry.sign-in.account-limit=1000000", "registry.sign-in.address-limit=1000000"})
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.shared().register(registry, "audit-key.pem");
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
}
