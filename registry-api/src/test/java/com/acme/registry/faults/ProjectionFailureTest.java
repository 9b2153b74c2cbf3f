package com.acme.registry.faults;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A projection that fails on an event (here: a trigger that refuses one model's catalog row) says so loudly and
 * precisely, reads keep answering, writes answer 202 at once instead of waiting out the read-your-writes wait, and
 * the projection recovers by itself once the cause is gone.
 */
class ProjectionFailureTest extends IntegrationTest {

    @AfterEach
    void removeTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_poisoned_model ON catalog_model");
        jdbc.execute("DROP FUNCTION IF EXISTS refuse_poisoned_model()");
    }

    @Test
    void aFailingProjectionIsReportedWritesAreAcceptedAtOnceAndItRecovers() {
        String healthy = uniqueName("healthy");
        assertThat(as("alice").post("/api/v1/models", Samples.model(healthy)).status()).isEqualTo(201);
        String poisoned = uniqueName("refused");
        jdbc.execute("""
                CREATE FUNCTION refuse_poisoned_model() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.name = '%s' THEN RAISE EXCEPTION 'test trigger refuses model %%', NEW.name; END IF;
                    RETURN NEW;
                END $$""".formatted(poisoned));
        jdbc.execute("""
                CREATE TRIGGER refuse_poisoned_model BEFORE INSERT ON catalog_model
                FOR EACH ROW EXECUTE FUNCTION refuse_poisoned_model()""");

        long started = System.nanoTime();
        Api.Response accepted = as("alice").post("/api/v1/models", Samples.model(poisoned));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        long position = jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, poisoned);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(took).as("not the 10 s read-your-writes wait").isLessThan(Duration.ofSeconds(5));
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/models/" + poisoned);
        assertThat(accepted.header("Retry-After")).isEqualTo("2");
        JsonNode body = accepted.json();
        assertThat(body.path("status").asString()).isEqualTo("accepted");
        assertThat(body.path("location").asString()).isEqualTo("/api/v1/models/" + poisoned);
        assertThat(body.path("position").asLong()).isEqualTo(position);
        assertThat(body.path("waitingFor").toString()).contains("read-models");

        JsonNode failing = group("read-models");
        assertThat(failing.path("error").asBoolean()).as(failing.toString()).isTrue();
        JsonNode failure = failing.path("failure");
        assertThat(failure.path("processor").asString()).isEqualTo("read-models");
        assertThat(failure.path("firstPosition").asLong()).isEqualTo(position);
        assertThat(failure.path("lastPosition").asLong()).isEqualTo(position);
        assertThat(failure.path("error").asString()).contains("test trigger refuses model " + poisoned)
                .doesNotContain("INSERT INTO").hasSizeLessThanOrEqualTo(300);
        assertThat(failure.path("since").asString()).isNotBlank();
        assertThat(group("audit").path("error").asBoolean()).as("the audit log goes on").isFalse();

        Api.Response health = as("adam").get("/actuator/health/projections");
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("status").asString()).isEqualTo("DOWN");
        assertThat(health.json().path("details").path("read-models").path("failure").path("firstPosition").asLong())
                .isEqualTo(position);
        assertThat(metric("registry.projection.failing", "read-models")).isEqualTo(1.0);
        assertThat(metric("registry.projection.failures", "read-models")).isGreaterThanOrEqualTo(1.0);

        assertThat(as("alice").get("/api/v1/models/" + healthy).status()).as("reads keep answering").isEqualTo(200);
        started = System.nanoTime();
        Api.Response version = as("alice").header("Idempotency-Key", "k-" + poisoned)
                .post("/api/v1/models/" + healthy + "/versions", Samples.version());
        Api.Response replay = as("alice").header("Idempotency-Key", "k-" + poisoned)
                .post("/api/v1/models/" + healthy + "/versions", Samples.version());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(version.status()).as(version.toString()).isEqualTo(202);
        assertThat(version.header("Location")).isEqualTo("/api/v1/models/" + healthy + "/versions/1");
        assertThat(replay.status()).as("a replay follows the same rule").isEqualTo(202);
        assertThat(replay.header("Location")).isEqualTo("/api/v1/models/" + healthy + "/versions/1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, healthy)).as("the replay stored nothing").isEqualTo(2);

        removeTrigger();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (as("alice").get("/api/v1/models/" + healthy + "/versions/1").status() != 200
                && System.nanoTime() < deadline) {
            StoredUnstorableTextTest.sleep(200);
        }
        assertThat(as("alice").get("/api/v1/models/" + poisoned).status()).isEqualTo(200);
        assertThat(as("alice").get("/api/v1/models/" + healthy + "/versions/1").status()).isEqualTo(200);
        JsonNode recovered = group("read-models");
        assertThat(recovered.path("error").asBoolean()).as(recovered.toString()).isFalse();
        assertThat(recovered.path("failure").isNull()).isTrue();
        assertThat(as("adam").get("/actuator/health/projections").status()).isEqualTo(200);
        assertThat(metric("registry.projection.failing", "read-models")).isEqualTo(0.0);
        assertThat(as("alice").post("/api/v1/models", Samples.model(uniqueName("recovered"))).status())
                .isEqualTo(201);
    }

    private JsonNode group(String name) {
        for (JsonNode group : as("adam").get("/api/v1/admin/read-models").json().path("groups")) {
            if (group.path("group").asString().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + name);
    }

    private double metric(String name, String group) {
        Api.Response response = as("adam").get("/actuator/metrics/" + name + "?tag=group:" + group);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().path("measurements").get(0).path("value").asDouble();
    }
}
