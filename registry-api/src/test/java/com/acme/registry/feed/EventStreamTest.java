package com.acme.registry.feed;

import com.acme.registry.support.Api;
import com.acme.registry.support.EventStreamClient;
import com.acme.registry.support.EventStreamClient.Event;
import com.acme.registry.support.GovernanceIntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The event stream over a real connection: live events with the documented envelope, resuming by Last-Event-ID or
 * after= with no gap and no duplicate, filters, what READER may see, the refusals, and the same events as pages.
 */
class EventStreamTest extends GovernanceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void aStreamCarriesNewEventsWithTheirPositionsAsIdsAndResumesAfterAnyOfThem() {
        String model = uniqueName("streamed");
        String other = uniqueName("not-streamed");
        List<Event> live;
        try (EventStreamClient stream = EventStreamClient.open(port, "alice", "model=" + model, null)) {
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            assertThat(stream.header("Cache-Control")).contains("no-store");
            assertThat(stream.nextComment(WAIT)).startsWith("position ");
            assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
            assertThat(as("alice").post("/api/v1/models", Samples.model(other)).status()).isEqualTo(201);
            registerVersion(model);
            registerVersion(other);
            registerVersion(model);
            live = stream.take(3, WAIT);
            assertThat(stream.drain(QUIET)).as("only the model asked for").isEmpty();
        }
        assertThat(live).extracting(Event::type)
                .containsExactly("ModelRegistered", "ModelVersionRegistered", "ModelVersionRegistered");
        assertThat(live).extracting(Event::id).isSorted().doesNotHaveDuplicates();
        for (Event event : live) {
            JsonNode data = event.data();
            assertThat(data.path("id").asString()).isEqualTo(Long.toString(event.id()));
            assertThat(data.path("position").asLong()).isEqualTo(event.id());
            assertThat(data.path("type").asString()).isEqualTo(event.type());
            assertThat(data.path("category").asString()).isEqualTo("catalog");
            assertThat(data.path("model").asString()).isEqualTo(model);
            assertThat(data.path("actor").asString()).isEqualTo("alice");
            assertThat(data.path("occurredAt").asString()).isNotBlank();
            assertThat(data.path("data").isObject()).isTrue();
        }
        assertThat(live.get(2).data().path("version").asInt()).isEqualTo(2);

        try (EventStreamClient resumed = EventStreamClient.open(port, "alice", "model=" + model, live.get(0).id())) {
            assertThat(resumed.take(2, WAIT)).extracting(Event::id).containsExactly(live.get(1).id(), live.get(2).id());
            assertThat(resumed.drain(QUIET)).as("no duplicate").isEmpty();
        }
        try (EventStreamClient header = EventStreamClient.open(port, "alice", "after=0&model=" + model, live.get(1).id())) {
            assertThat(header.take(1, WAIT)).as("Last-Event-ID wins over after")
                    .extracting(Event::id).containsExactly(live.get(2).id());
            assertThat(header.drain(QUIET)).isEmpty();
        }
        try (EventStreamClient fromStart = EventStreamClient.open(port, "alice", "after=0&model=" + model, null)) {
            assertThat(fromStart.take(3, WAIT)).extracting(Event::id).containsExactlyElementsOf(
                    live.stream().map(Event::id).toList());
        }

        JsonNode page = as("alice").get("/api/v1/events?after=0&limit=2&model=" + model).json();
        assertThat(ids(page.path("events"))).containsExactly(live.get(0).id(), live.get(1).id());
        assertThat(page.path("after").asLong()).isEqualTo(live.get(1).id());
        JsonNode next = as("alice").get("/api/v1/events?limit=2&model=" + model + "&after=" + page.path("after").asLong()).json();
        assertThat(ids(next.path("events"))).containsExactly(live.get(2).id());
        assertThat(next.path("after").asLong()).isEqualTo(next.path("head").asLong());
        assertThat(next.path("events").get(0).toString()).isEqualTo(live.get(2).data().toString());
    }

    @Test
    void filtersByTypeAndEnvironmentAndReadersSeeNoGovernance() {
        String model = createModel("governed", "LOW");
        String reader = createUser("reader", List.of("READER"));
        try (EventStreamClient governance = EventStreamClient.open(port, "carla", "type=governance&model=" + model, null);
             EventStreamClient production = EventStreamClient.open(port, "carla",
                     "environment=production&model=" + model, null);
             EventStreamClient readers = EventStreamClient.open(port, reader, "demo-pass-123", "model=" + model, null)) {
            int version = registerVersion(model);
            grantProduction(model, version, "LOW");
            startRolloutOk(model, PRODUCTION, version, 100);

            List<Event> approvals = new ArrayList<>(governance.take(3, WAIT));
            approvals.addAll(governance.drain(QUIET));
            assertThat(approvals).extracting(Event::type)
                    .containsExactly("PromotionRequested", "PromotionApproved", "PromotionGranted");
            assertThat(approvals).allSatisfy(e -> assertThat(e.data().path("category").asString())
                    .isEqualTo("governance"));
            assertThat(approvals.get(1).data().path("version").asInt()).as("the approval names its version")
                    .isEqualTo(version);
            assertThat(approvals.get(1).data().path("environment").asString()).isEqualTo(PRODUCTION);
            assertThat(approvals.get(1).data().path("actor").asString()).isEqualTo("rita");

            List<Event> inProduction = new ArrayList<>(production.take(3, WAIT));
            inProduction.addAll(production.drain(QUIET));
            assertThat(inProduction).allSatisfy(e -> assertThat(e.data().path("environment").asString())
                    .isEqualTo(PRODUCTION));
            assertThat(inProduction).extracting(Event::type).contains("PromotionApproved")
                    .doesNotContain("ModelVersionRegistered");
            assertThat(inProduction).filteredOn(e -> e.data().path("category").asString().equals("serving"))
                    .isNotEmpty();

            List<Event> seen = new ArrayList<>(readers.take(2, WAIT));
            seen.addAll(readers.drain(QUIET));
            assertThat(seen).extracting(e -> e.data().path("category").asString()).containsOnly("catalog", "serving")
                    .contains("serving");
            assertThat(seen).extracting(Event::type).contains("ModelVersionRegistered");
        }
        Api.Response refused = Api.basic(port, reader, "demo-pass-123").get("/api/v1/events?type=governance");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("type");
        JsonNode readerPage = Api.basic(port, reader, "demo-pass-123").get("/api/v1/events?after=0&model=" + model).json();
        assertThat(readerPage.path("events")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("category").asString()).isNotEqualTo("governance"));
    }

    @Test
    void badPositionsFiltersAndCallersAreRefused() {
        for (String query : List.of("after=-1", "after=abc", "after=9999999999999999999", "type=NoSuchEvent",
                "environment=mars", "model=" + "x".repeat(300))) {
            EventStreamClient.StreamRefused refused = catchThrowableOfType(EventStreamClient.StreamRefused.class,
                    () -> EventStreamClient.open(port, "alice", query, null));
            assertThat(refused).as(query).isNotNull();
            assertThat(refused.status).as(query).isEqualTo(400);
            String field = query.substring(0, query.indexOf('='));
            assertThat(refused.body).as(query).contains(field);
        }
        Api.Response badHeader = as("alice").header("Last-Event-ID", "12abc").get("/api/v1/events/stream");
        assertThat(badHeader.status()).isEqualTo(400);
        assertThat(badHeader.body()).contains("Last-Event-ID");

        assertThat(anonymous().get("/api/v1/events/stream").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/events").status()).isEqualTo(401);
        assertThat(as("alice").get("/api/v1/events?limit=0").status()).isEqualTo(400);
        assertThat(as("alice").get("/api/v1/events?limit=1001").body()).contains("limit");
    }

    private static List<Long> ids(JsonNode events) {
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.path("position").asLong()));
        return ids;
    }
}
