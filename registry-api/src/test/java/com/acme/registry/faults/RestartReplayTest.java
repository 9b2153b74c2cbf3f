package com.acme.registry.faults;

import com.acme.registry.RegistryApplication;
import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projection positions are read from the token store at start-up: the first Idempotency-Key replay after a restart
 * answers at once, not after the 10 s read-your-writes wait (it used to wait until a new event was projected).
 */
class RestartReplayTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("restart");
    private static final Duration READ_YOUR_WRITES_WAIT = Duration.ofSeconds(30);

    @Test
    void theFirstReplayAfterARestartAnswersAtOnce() {
        String model = "restarted-model";
        try (ConfigurableApplicationContext first = start()) {
            Api alice = Api.basic(port(first), "alice", "demo");
            assertThat(alice.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
            assertThat(alice.header("Idempotency-Key", "restart-1")
                    .post("/api/v1/models/" + model + "/versions", Samples.version()).status()).isEqualTo(201);
        }
        try (ConfigurableApplicationContext second = start()) {
            Api alice = Api.basic(port(second), "alice", "demo");
            long started = System.nanoTime();
            Api.Response replay = alice.header("Idempotency-Key", "restart-1")
                    .post("/api/v1/models/" + model + "/versions", Samples.version());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
            assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(replay.header("Location")).isEqualTo("/api/v1/models/" + model + "/versions/1");
            // the bug waited the whole read-your-writes wait; half of it leaves room for a cold JVM on a busy machine
            assertThat(took).as("not the read-your-writes wait").isLessThan(READ_YOUR_WRITES_WAIT.dividedBy(2));
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RegistryApplication.class).run( // arguments: above application.yml
                "--server.port=0", "--registry.demo=true", "--logging.level.root=WARN", "--spring.datasource.hikari.maximum-pool-size=6",
                "--registry.read-your-writes.wait=" + READ_YOUR_WRITES_WAIT.toSeconds() + "s",
                "--spring.datasource.url=" + DB.url(), "--spring.datasource.username=" + DB.user(),
                "--spring.datasource.password=" + DB.password(),
                "--registry.audit.signing-key-file=" + TestDatabase.tempDir().resolve("restart-key.pem"));
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
