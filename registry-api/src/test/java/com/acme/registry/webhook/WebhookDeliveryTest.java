package com.acme.registry.webhook;

import com.acme.registry.support.Api;
import com.acme.registry.support.GovernanceIntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.support.WebhookReceiver;
import com.acme.registry.support.WebhookReceiver.Answer;
import com.acme.registry.support.WebhookReceiver.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook deliveries to real HTTP receivers on this machine: signatures, retries after 500s and time-outs, order per
 * model, giving up and resuming, manual redelivery, and no delivery for a command that failed. The shared context
 * retries quickly (100 ms to 400 ms, for 3 s; a 1 s read time-out).
 */
class WebhookDeliveryTest extends GovernanceIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WEBHOOKS = "/api/v1/admin/webhooks";

    private final List<WebhookReceiver> receivers = new ArrayList<>();

    record Hook(String id, String secret) {
        String path() {
            return WEBHOOKS + "/" + id;
        }
    }

    @AfterEach
    void stopReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    @Test
    void deliveriesAreSignedWithTheSecretShownOnceAndLogged() {
        WebhookReceiver receiver = receiver();
        String model = uniqueName("hooked");
        Hook hook = subscribe(receiver, List.of(), List.of(model));
        assertThat(as("adam").get(hook.path()).body()).doesNotContain(hook.secret());
        assertThat(jdbc.queryForObject("SELECT row_to_json(s)::text FROM webhook_subscription s WHERE id = ?::uuid",
                String.class, hook.id())).as("a database dump does not reveal the secret").doesNotContain(hook.secret());

        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        registerVersion(model);
        List<Received> got = receiver.await(all -> all.size() >= 2, WAIT);

        assertThat(got).extracting(Received::eventType).containsExactly("ModelRegistered", "ModelVersionRegistered");
        for (Received delivery : got) {
            assertThat(delivery.signedWith(hook.secret())).as("signed: %s", delivery).isTrue();
            assertThat(delivery.signedWith("whsec_not-the-secret")).isFalse();
            JsonNode body = delivery.json();
            assertThat(body.path("position").asLong()).isEqualTo(delivery.eventId());
            assertThat(body.path("type").asString()).isEqualTo(delivery.eventType());
            assertThat(body.path("model").asString()).isEqualTo(model);
            assertThat(body.path("actor").asString()).isEqualTo("alice");
            assertThat(UUID.fromString(delivery.deliveryId())).isNotNull();
            assertThat(Instant.ofEpochSecond(Long.parseLong(delivery.timestamp())))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        }
        assertThat(got.get(1).json().path("version").asInt()).isEqualTo(1);

        JsonNode log = as("adam").get(hook.path() + "/deliveries").json();
        assertThat(log).hasSize(2);
        for (JsonNode entry : log) {
            assertThat(entry.path("state").asString()).isEqualTo("delivered");
            assertThat(entry.path("lastStatus").asInt()).isEqualTo(200);
            assertThat(entry.path("attempts").asInt()).isEqualTo(1);
        }
        assertThat(log.get(0).path("eventId").asLong()).as("newest first").isEqualTo(got.get(1).eventId());
        JsonNode detail = as("adam").get(hook.path() + "/deliveries/" + log.get(0).path("id").asString()).json();
        assertThat(detail.path("delivery").path("id").asString()).isEqualTo(got.get(1).deliveryId());
        assertThat(detail.path("attempts")).hasSize(1);
        assertThat(detail.path("attempts").get(0).path("status").asInt()).isEqualTo(200);
        assertThat(detail.path("attempts").get(0).path("responseExcerpt").asString()).isEqualTo("answered 200");
    }

    @Test
    void aRotatedSecretSignsTheNextDeliveries() {
        WebhookReceiver receiver = receiver();
        String model = createModel("rotated", "LOW");
        Hook hook = subscribe(receiver, List.of("ModelVersionRegistered"), List.of(model));
        registerVersion(model);
        Received before = receiver.await(all -> all.size() == 1, WAIT).get(0);

        Api.Response rotated = as("adam").post(hook.path() + "/secret", Map.of());
        assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
        String secret = rotated.json().path("secret").asString();
        registerVersion(model);
        Received after = receiver.await(all -> all.size() == 2, WAIT).get(1);

        assertThat(before.signedWith(hook.secret())).isTrue();
        assertThat(after.signedWith(secret)).isTrue();
        assertThat(after.signedWith(hook.secret())).as("the old secret signs no more").isFalse();
        assertThat(auditCount("WebhookSecretRotated", hook.id())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE details LIKE ?", Long.class,
                "%" + secret + "%")).as("no secret in the audit log").isZero();
    }

    @Test
    void aDeliveryIsRetriedAfterA500AndATimeOutThenDelivered() {
        WebhookReceiver receiver = receiver();
        AtomicInteger requests = new AtomicInteger();
        receiver.answer(request -> switch (requests.getAndIncrement()) {
            case 0 -> Answer.status(500);
            case 1 -> Answer.after(Duration.ofMillis(2500)); // past the 1 s read time-out
            default -> Answer.ok();
        });
        String model = createModel("retried", "LOW");
        Hook hook = subscribe(receiver, List.of("ModelVersionRegistered"), List.of(model));
        double retriedBefore = metric("registry.webhooks.attempts?tag=outcome:retried");
        double deliveredBefore = metric("registry.webhooks.attempts?tag=outcome:delivered");
        registerVersion(model);

        List<Received> got = receiver.await(all -> all.size() >= 3, WAIT);
        assertThat(got).hasSize(3);
        assertThat(got).extracting(Received::deliveryId).containsOnly(got.get(0).deliveryId());
        assertThat(got).extracting(Received::eventId).containsOnly(got.get(0).eventId());
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).as("a backoff before the retry")
                .isGreaterThanOrEqualTo(Duration.ofMillis(50));

        JsonNode detail = awaitDelivery(hook, got.get(0).deliveryId(), "delivered");
        assertThat(detail.path("delivery").path("attempts").asInt()).isEqualTo(3);
        JsonNode attempts = detail.path("attempts");
        assertThat(attempts.get(0).path("status").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).path("error").asString()).contains("500");
        assertThat(attempts.get(1).path("status").isNull()).as("no answer: %s", attempts.get(1)).isTrue();
        assertThat(attempts.get(1).path("error").asString()).contains("timed out");
        assertThat(attempts.get(1).path("latencyMs").asInt()).isBetween(900, 2400);
        assertThat(attempts.get(2).path("status").asInt()).isEqualTo(200);
        assertThat(as("adam").get(hook.path()).json().path("status").asString()).isEqualTo("active");
        assertThat(metric("registry.webhooks.attempts?tag=outcome:retried")).isEqualTo(retriedBefore + 2);
        assertThat(metric("registry.webhooks.attempts?tag=outcome:delivered")).isEqualTo(deliveredBefore + 1);
        assertThat(metric("registry.webhooks.delivery.latency")).as("count of timed deliveries").isPositive();
    }

    @Test
    void eachModelsEventsArriveInOrderThroughFailures() {
        WebhookReceiver receiver = receiver();
        AtomicInteger requests = new AtomicInteger();
        receiver.answer(request -> requests.incrementAndGet() % 3 == 0 ? Answer.status(503) : Answer.ok());
        List<String> models = List.of(uniqueName("ordered-a"), uniqueName("ordered-b"), uniqueName("ordered-c"));
        subscribe(receiver, List.of(), models);
        for (String model : models) {
            assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        }
        for (int round = 0; round < 4; round++) {
            for (String model : models) {
                registerVersion(model);
            }
        }
        int expected = models.size() * 5;
        List<Received> got = receiver.await(all -> all.stream().filter(Received::delivered)
                .map(Received::eventId).distinct().count() == expected, WAIT);

        Map<String, List<Long>> attempted = new HashMap<>();
        Map<String, List<Long>> delivered = new HashMap<>();
        for (Received request : got) {
            attempted.computeIfAbsent(request.model(), m -> new ArrayList<>()).add(request.eventId());
            if (request.delivered()) {
                delivered.computeIfAbsent(request.model(), m -> new ArrayList<>()).add(request.eventId());
            }
        }
        assertThat(requests.get()).as("some attempts failed").isGreaterThan(expected);
        for (String model : models) {
            assertThat(delivered.get(model)).as("%s delivered once each, in order", model).hasSize(5).isSorted()
                    .doesNotHaveDuplicates();
            assertThat(attempted.get(model)).as("%s: no event tried before the one before it was delivered", model)
                    .isSorted();
        }
    }

    @Test
    void aSubscriptionOutOfRetriesIsFailingHoldsWhatFollowsAndResumesInOrder() {
        WebhookReceiver receiver = receiver();
        receiver.answer(request -> Answer.status(500));
        String model = createModel("failing", "LOW");
        Hook hook = subscribe(receiver, List.of("ModelVersionRegistered"), List.of(model));
        registerVersion(model);
        JsonNode first = awaitSubscription(hook, s -> s.path("status").asString().equals("failing"));
        assertThat(first.path("failingSince").isNull()).isFalse();
        JsonNode failed = as("adam").get(hook.path() + "/deliveries?state=failed").json();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("attempts").asInt()).as("retried for retry-for (3 s)").isGreaterThan(2);
        assertThat(auditCount("WebhookSubscriptionFailing", hook.id())).isEqualTo(1);
        assertThat(metric("registry.webhooks.failing")).isGreaterThanOrEqualTo(1);

        int held = receiver.received().size();
        registerVersion(model);
        assertThat(receiver.received()).as("nothing is sent while failing").hasSize(held);
        pause(Duration.ofMillis(800));
        assertThat(receiver.received()).as("nothing is sent while failing").hasSize(held);

        receiver.answer(request -> Answer.ok());
        Api.Response resumed = as("adam").post(hook.path() + "/resumption", Map.of());
        assertThat(resumed.status()).as("%s", resumed).isEqualTo(200);
        List<Received> got = receiver.await(all -> all.stream().filter(Received::delivered).count() == 2, WAIT);
        List<Integer> versions = got.stream().filter(Received::delivered)
                .map(r -> r.json().path("version").asInt()).toList();
        assertThat(versions).containsExactly(1, 2);
        awaitSubscription(hook, s -> s.path("status").asString().equals("active"));
        assertThat(auditCount("WebhookSubscriptionResumed", hook.id())).isEqualTo(1);
    }

    @Test
    void oneDeliveryOrARangeOfPositionsIsSentAgainOnRequest() {
        WebhookReceiver receiver = receiver();
        String model = uniqueName("redelivered");
        Hook hook = subscribe(receiver, List.of(), List.of(model));
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        registerVersion(model);
        registerVersion(model);
        List<Received> first = receiver.await(all -> all.size() == 3, WAIT);
        awaitDelivery(hook, first.get(2).deliveryId(), "delivered");

        String logged = as("adam").get(hook.path() + "/deliveries").json().get(2).path("id").asString();
        Api.Response again = as("adam").post(hook.path() + "/deliveries/" + logged + "/redelivery", Map.of());
        assertThat(again.status()).as("%s", again).isEqualTo(202);
        assertThat(again.json().path("eventId").asLong()).isEqualTo(first.get(0).eventId());
        assertThat(again.json().path("requestedBy").asString()).isEqualTo("adam");
        Received redelivered = receiver.await(all -> all.size() == 4, WAIT).get(3);
        assertThat(redelivered.eventId()).as("the same event").isEqualTo(first.get(0).eventId());
        assertThat(redelivered.deliveryId()).as("a new delivery").isNotEqualTo(first.get(0).deliveryId());
        assertThat(redelivered.signedWith(hook.secret())).isTrue();

        Api.Response range = as("adam").post(hook.path() + "/redeliveries",
                Map.of("fromEventId", first.get(1).eventId(), "toEventId", first.get(2).eventId()));
        assertThat(range.status()).as("%s", range).isEqualTo(202);
        assertThat(range.json().path("deliveries").asInt()).isEqualTo(2);
        List<Received> ranged = receiver.await(all -> all.size() == 6, WAIT).subList(4, 6);
        assertThat(ranged).extracting(Received::eventId).containsExactly(first.get(1).eventId(), first.get(2).eventId());
        assertThat(auditCount("WebhookRedeliveryRequested", hook.id())).isEqualTo(2);

        JsonNode newest = as("adam").get(hook.path() + "/deliveries?limit=3").json();
        assertThat(newest).as("a page of three ends at an event boundary: both deliveries of each of two events")
                .extracting(d -> d.path("eventId").asLong()).containsExactly(first.get(2).eventId(),
                        first.get(2).eventId(), first.get(1).eventId(), first.get(1).eventId());
        JsonNode older = as("adam").get(hook.path() + "/deliveries?limit=3&before="
                + newest.get(3).path("eventId").asLong()).json();
        assertThat(older).extracting(d -> d.path("eventId").asLong())
                .containsExactly(first.get(0).eventId(), first.get(0).eventId());

        Api.Response backwards = as("adam").post(hook.path() + "/redeliveries",
                Map.of("fromEventId", first.get(2).eventId(), "toEventId", first.get(1).eventId()));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("toEventId");
        Api.Response negative = as("adam").post(hook.path() + "/redeliveries", Map.of("fromEventId", -5, "toEventId", 3));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("fromEventId must be an event id, 1 or more (was -5)");
        Api.Response unknown = as("adam").post(hook.path() + "/deliveries/" + UUID.randomUUID() + "/redelivery", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        pause(Duration.ofMillis(300));
        assertThat(receiver.received()).as("refused redeliveries send nothing").hasSize(6);
    }

    @Test
    void aCategoryIsKeptAsNamedAndMatchesItsTypes() {
        WebhookReceiver receiver = receiver();
        String model = createModel("category", "LOW");
        Hook hook = subscribe(receiver, List.of("governance"), List.of(model));
        assertThat(as("adam").get(hook.path()).json().path("types")).extracting(JsonNode::asString)
                .as("the category, not today's types of it").containsExactly("governance");
        int version = registerVersion(model);
        grantProduction(model, version, "LOW");

        List<Received> got = receiver.await(all -> all.size() == 3, WAIT);
        assertThat(got).extracting(Received::eventType)
                .containsExactly("PromotionRequested", "PromotionApproved", "PromotionGranted");
        Api.Response again = as("adam").post(hook.path() + "/redeliveries",
                Map.of("fromEventId", got.get(0).eventId() - 1, "toEventId", got.get(2).eventId()));
        assertThat(again.json().path("deliveries").asInt()).as("a range passes the same filter").isEqualTo(3);

        Api.Response unknown = as("adam").send("PATCH", hook.path(), Map.of("types", List.of("governance", "Nope")));
        assertThat(unknown.status()).as("%s", unknown).isEqualTo(400);
        assertThat(unknown.body()).contains("types").contains("'Nope' is no event type");
    }

    @Test
    void aCommandThatFailedSendsNothing() {
        WebhookReceiver receiver = receiver();
        String model = uniqueName("refused");
        subscribe(receiver, List.of(), List.of(model));
        assertThat(as("alice").post(modelPath(model) + "/versions", Samples.version()).status())
                .as("no such model").isEqualTo(404);
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).as("taken").isEqualTo(409);
        assertThat(as("rita").post(modelPath(model) + "/versions", Samples.version()).status())
                .as("a reviewer may not register").isEqualTo(403);
        registerVersion(model);

        List<Received> got = receiver.await(all -> all.size() >= 2, WAIT);
        pause(Duration.ofMillis(500));
        assertThat(receiver.received()).extracting(Received::eventType)
                .containsExactly("ModelRegistered", "ModelVersionRegistered");
        assertThat(got.get(1).json().path("version").asInt()).isEqualTo(1);
    }

    @Test
    void targetsInsideTheNetworkAreRefusedAndAudited() {
        long refusedBefore = jdbc.queryForObject(
                "SELECT count(*) FROM audit_record WHERE action = 'WebhookTargetRefused'", Long.class);
        int subscriptionsBefore = as("adam").get(WEBHOOKS).json().size();
        List<String> targets = List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hook",
                "http://192.168.1.20/hook", "http://172.16.5.4/hook", "http://[::1]:8080/hook", "http://0.0.0.0/hook",
                "http://[::ffff:10.0.0.7]/hook", "http://[fd00::1]/hook", "http://100.64.0.1/hook",
                "http://[64:ff9b::a9fe:a9fe]/hook");
        for (String target : targets) {
            Api.Response refused = as("adam").post(WEBHOOKS, subscription(uniqueName("ssrf"), target, List.of()));
            assertThat(refused.status()).as("%s: %s", target, refused).isEqualTo(400);
            assertThat(refused.json().toString()).contains("url").contains("webhooks may not reach it");
        }
        for (String malformed : List.of("ftp://example.org/hook", "http://user:pw@127.0.0.1/hook", "/relative",
                "http://127.0.0.1/hook#fragment", "")) {
            Api.Response refused = as("adam").post(WEBHOOKS, subscription(uniqueName("bad"), malformed, List.of()));
            assertThat(refused.status()).as("%s: %s", malformed, refused).isEqualTo(400);
            assertThat(refused.json().toString()).contains("url");
        }
        assertThat(as("adam").get(WEBHOOKS).json()).as("nothing was created").hasSize(subscriptionsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'WebhookTargetRefused'",
                Long.class)).as("each refused target is audited").isEqualTo(refusedBefore + targets.size() + 5);

        Hook hook = subscribe(receiver(), List.of(), List.of());
        Api.Response moved = as("adam").send("PATCH", hook.path(), Map.of("url", "http://169.254.169.254/hook"));
        assertThat(moved.status()).as("%s", moved).isEqualTo(400);
        assertThat(as("adam").get(hook.path()).json().path("url").asString()).startsWith("http://127.0.0.1:");
        assertThat(as("adam").delete(hook.path()).status()).isEqualTo(204);
        long refusedNow = jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'WebhookTargetRefused'",
                Long.class);
        assertThat(as("adam").send("PATCH", hook.path(), Map.of("url", "http://10.0.0.7/hook")).status())
                .as("a deleted subscription is not found, whatever the change").isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'WebhookTargetRefused'",
                Long.class)).isEqualTo(refusedNow);
    }

    private WebhookReceiver receiver() {
        WebhookReceiver receiver = WebhookReceiver.start();
        receivers.add(receiver);
        return receiver;
    }

    private Hook subscribe(WebhookReceiver receiver, List<String> types, List<String> models) {
        Map<String, Object> body = subscription(uniqueName("hook"), receiver.url(), types);
        body.put("models", models);
        Api.Response created = as("adam").post(WEBHOOKS, body);
        assertThat(created.status()).as("create subscription: %s", created).isEqualTo(201);
        String id = created.json().path("subscription").path("id").asString();
        assertThat(created.header("Location")).isEqualTo(WEBHOOKS + "/" + id);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        return new Hook(id, secret);
    }

    private static Map<String, Object> subscription(String name, String url, List<String> types) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("url", url);
        body.put("types", types);
        return body;
    }

    private JsonNode awaitDelivery(Hook hook, String deliveryId, String state) {
        return awaitJson(hook.path() + "/deliveries/" + deliveryId,
                detail -> detail.path("delivery").path("state").asString().equals(state));
    }

    private JsonNode awaitSubscription(Hook hook, Predicate<JsonNode> done) {
        return awaitJson(hook.path(), done);
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = as("adam").get(path).json();
            if (done.test(last)) {
                return last;
            }
            pause(Duration.ofMillis(100));
        }
        throw new AssertionError("not reached: " + path + " is " + last);
    }

    /** The first measurement of an actuator metric (a counter's count, a gauge's value, a timer's count). */
    private double metric(String path) {
        Api.Response response = as("adam").get("/actuator/metrics/" + path);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json().path("measurements").get(0).path("value").asDouble();
    }

    private long auditCount(String action, String subscriptionId) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = ? AND details LIKE ?", Long.class,
                action, "%" + subscriptionId + "%");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
