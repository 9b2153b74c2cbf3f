package com.acme.registry.faults;

import com.acme.registry.RegistryApplication;
import com.acme.registry.support.Api;
import com.acme.registry.support.EventStreamClient;
import com.acme.registry.support.EventStreamClient.Event;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import com.acme.registry.support.WebhookReceiver;
import com.acme.registry.support.WebhookReceiver.Answer;
import com.acme.registry.support.WebhookReceiver.Received;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The feed across a registry restart, on a database of its own: a webhook backlog stopped halfway is sent in full
 * after the restart, in order, with a duplicate only for what was in flight; a stream resumed by Last-Event-ID
 * continues exactly after the last event it had. Also heartbeats and the limit on open streams (settings of its own).
 */
class FeedRestartTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("feedrestart");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int VERSIONS_BEFORE = 8;
    private static final int VERSIONS_AFTER = 2;

    @Test
    void aBacklogAndAStreamContinueAcrossARestartWithoutLoss() {
        String model = "restarted-feed";
        List<Event> beforeRestart;
        try (WebhookReceiver receiver = WebhookReceiver.start(Duration.ofSeconds(5))) { // the default read time-out
            receiver.answer(request -> Answer.after(Duration.ofMillis(250))); // slow: a backlog builds up
            try (ConfigurableApplicationContext first = start()) {
                Api alice = Api.basic(port(first), "alice", "demo");
                Api adam = Api.basic(port(first), "adam", "demo");
                Api.Response created = adam.post("/api/v1/admin/webhooks", Map.of("name", "restart-hook",
                        "url", receiver.url(), "models", List.of(model)));
                assertThat(created.status()).as("%s", created).isEqualTo(201);

                try (EventStreamClient stream = EventStreamClient.open(port(first), "alice", "after=0&model=" + model,
                        null)) {
                    assertThat(alice.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
                    for (int i = 0; i < VERSIONS_BEFORE; i++) {
                        assertThat(alice.post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                                .isEqualTo(201);
                    }
                    beforeRestart = stream.take(5, WAIT); // the client stops reading after five
                }
                receiver.await(all -> all.size() >= 3, WAIT);
            }
            int sentBeforeRestart = receiver.received().size();
            assertThat(sentBeforeRestart).as("the restart came in the middle of the backlog")
                    .isLessThan(1 + VERSIONS_BEFORE);

            receiver.answer(request -> Answer.ok());
            try (ConfigurableApplicationContext second = start()) {
                Api alice = Api.basic(port(second), "alice", "demo");
                for (int i = 0; i < VERSIONS_AFTER; i++) {
                    assertThat(alice.post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                            .isEqualTo(201);
                }
                int total = 1 + VERSIONS_BEFORE + VERSIONS_AFTER;
                List<Long> all = positions(alice.get("/api/v1/events?after=0&model=" + model).json());
                assertThat(all).hasSize(total);

                long lastSeen = beforeRestart.get(beforeRestart.size() - 1).id();
                try (EventStreamClient resumed = EventStreamClient.open(port(second), "alice", "model=" + model,
                        lastSeen)) {
                    List<Event> rest = resumed.take(total - beforeRestart.size(), WAIT);
                    List<Long> seen = new ArrayList<>(beforeRestart.stream().map(Event::id).toList());
                    seen.addAll(rest.stream().map(Event::id).toList());
                    assertThat(seen).as("no gap, no duplicate").containsExactlyElementsOf(all);
                    assertThat(resumed.drain(Duration.ofMillis(500))).isEmpty();
                }

                List<Received> got = receiver.await(received -> received.stream().filter(Received::delivered)
                        .map(Received::eventId).distinct().count() == total, WAIT);
                Map<Long, Integer> times = new HashMap<>();
                got.forEach(r -> times.merge(r.eventId(), 1, Integer::sum));
                assertThat(times.keySet()).as("every event, none lost").containsExactlyInAnyOrderElementsOf(all);
                assertThat(times.values().stream().filter(n -> n > 1).count())
                        .as("a duplicate only for the one delivery in flight at the stop: %s", times).isLessThanOrEqualTo(1);
                List<Long> firstArrivals = got.stream().map(Received::eventId).distinct().toList();
                assertThat(firstArrivals).as("in order").isSorted();
            }
        }
    }

    @Test
    void ofTwoInstancesOnOneDatabaseOneSendsAndTheOtherTakesOverWhenItStops() {
        String model = "two-instances";
        try (WebhookReceiver receiver = WebhookReceiver.start(Duration.ofSeconds(5));
             ConfigurableApplicationContext first = start()) {
            Api alice = Api.basic(port(first), "alice", "demo");
            assertThat(Api.basic(port(first), "adam", "demo").post("/api/v1/admin/webhooks", Map.of(
                    "name", "two-instances-hook", "url", receiver.url(), "models", List.of(model))).status())
                    .isEqualTo(201);
            assertThat(alice.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
            try (ConfigurableApplicationContext second = start()) {
                for (int i = 0; i < 6; i++) {
                    assertThat(alice.post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                            .isEqualTo(201);
                }
                receiver.await(all -> all.size() >= 7, WAIT);
                sleep(1500); // a second instance sending too would have sent its copies by now
                assertThat(receiver.received()).extracting(Received::eventId).as("each once").doesNotHaveDuplicates()
                        .hasSize(7);

                first.close();
                Api.Response later = Api.basic(port(second), "alice", "demo")
                        .post("/api/v1/models/" + model + "/versions", Samples.version());
                assertThat(later.status()).as("%s", later).isIn(201, 202);
                List<Received> got = receiver.await(all -> all.size() >= 8, WAIT);
                assertThat(got.get(7).json().path("version").asInt()).as("sent by the instance left").isEqualTo(7);
                sleep(500);
                assertThat(receiver.received()).extracting(Received::eventId).doesNotHaveDuplicates();
            }
        }
    }

    @Test
    void idleStreamsGetHeartbeatsAndNoCallerTakesEveryStream() {
        try (ConfigurableApplicationContext registry = start();
             EventStreamClient first = EventStreamClient.open(port(registry), "alice", "", null);
             EventStreamClient second = EventStreamClient.open(port(registry), "alice", "", null)) {
            assertThat(first.nextComment(WAIT)).startsWith("position ");
            assertThat(first.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
            assertThat(first.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
            assertThat(Api.basic(port(registry), "adam", "demo").get("/actuator/metrics/registry.events.streams")
                    .json().path("measurements").get(0).path("value").asDouble()).isEqualTo(2);

            EventStreamClient.StreamRefused callerFull = catchThrowableOfType(EventStreamClient.StreamRefused.class,
                    () -> EventStreamClient.open(port(registry), "alice", "", null));
            assertThat(callerFull.status).as("alice holds her two").isEqualTo(429);
            assertThat(callerFull.retryAfter).isEqualTo("5");
            assertThat(callerFull.body).contains("too-many-streams-for-caller");

            try (EventStreamClient carlas = EventStreamClient.open(port(registry), "carla", "", null)) {
                assertThat(carlas.nextComment(WAIT)).startsWith("position ");
                EventStreamClient.StreamRefused full = catchThrowableOfType(EventStreamClient.StreamRefused.class,
                        () -> EventStreamClient.open(port(registry), "bob", "", null));
                assertThat(full.status).as("three are open in all").isEqualTo(503);
                assertThat(full.retryAfter).isEqualTo("5");
                assertThat(full.body).contains("too-many-streams");
            }
            JsonNode refusals = Api.basic(port(registry), "carla", "demo")
                    .get("/api/v1/audit?action=EventStreamRefused").json().path("items");
            assertThat(refusals).as("both refusals are audited").hasSize(2);
            assertThat(refusals.toString()).contains("alice", "too-many-streams-for-caller", "bob", "503");

            second.close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            EventStreamClient again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = EventStreamClient.open(port(registry), "alice", "", null);
                } catch (EventStreamClient.StreamRefused stillHeld) {
                    sleep(200); // a closed stream is noticed at its next write: the next heartbeat
                }
            }
            assertThat(again).as("a closed stream frees its place").isNotNull();
            again.close();
        }
    }

    private static List<Long> positions(JsonNode page) {
        List<Long> positions = new ArrayList<>();
        page.path("events").forEach(e -> positions.add(e.path("position").asLong()));
        return positions;
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=0", "--registry.demo=true", "--logging.level.root=WARN",
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--spring.datasource.url=" + DB.url(), "--spring.datasource.username=" + DB.user(),
                "--spring.datasource.password=" + DB.password(),
                "--registry.audit.signing-key-file=" + TestDatabase.tempDir().resolve("feedrestart-key.pem"),
                "--registry.webhooks.secret-key-file=" + TestDatabase.tempDir().resolve("feedrestart-webhook.key"),
                "--registry.webhooks.allow-http=true", "--registry.webhooks.allowed-networks=127.0.0.1/32",
                "--registry.webhooks.initial-backoff=100ms", "--registry.webhooks.max-backoff=400ms",
                "--registry.events.heartbeat=1s", "--registry.events.max-streams=3",
                "--registry.events.max-streams-per-caller=2");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
