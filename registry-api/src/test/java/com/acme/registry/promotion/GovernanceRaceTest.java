package com.acme.registry.promotion;

import com.acme.registry.support.GovernanceIntegrationTest;

import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;

import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conflicting commands fired at the same model at the same instant (threads released together by a start gate):
 * one wins, the others get 409 and nothing breaks. Afterwards the invariants must hold in the event store (replayed
 * here from the stored JSON) and in the read models alike.
 */
class GovernanceRaceTest extends GovernanceIntegrationTest {

    private static final int THREADS = 8;


    /** One answer of a raced request. */
    private record Answer(String what, int status, String contentType, String rule, String body) {

        static Answer of(String what, Api.Response response) {
            String rule = null;
            String type = response.header("Content-Type");
            if (type != null && type.startsWith(PROBLEM_JSON)) {
                String problemType = response.json().path("type").asString();
                rule = problemType.substring(problemType.lastIndexOf(':') + 1);
            }
            return new Answer(what, response.status(), type, rule, response.body());
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith(PROBLEM_JSON);
        }
    }

    // ---- (a) rollouts of different versions ----

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void concurrentRolloutsOfDifferentApprovedVersionsLetExactlyOneStart() throws Exception {
        String model = createModel("race-rollout", "LOW");
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i <= THREADS; i++) {
            int version = registerVersion(model);
            grantProduction(model, version, "LOW");
            versions.add(version);
        }
        int champion = versions.get(0);
        makeChampion(model, PRODUCTION, champion);
        List<Integer> challengers = versions.subList(1, versions.size());

        for (int round = 0; round < 4; round++) {
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < challengers.size(); i++) {
                int version = challengers.get(i);
                Api api = as(i % 2 == 0 ? "alice" : "bob");
                calls.add(() -> Answer.of("start v" + version, startRollout(api, model, PRODUCTION, version, 10)));
            }

            List<Answer> answers = race(calls);

            assertNoFailure(answers);
            List<Answer> started = answers.stream().filter(a -> a.status() == 201).toList();
            assertThat(started).as("round %d: %s", round, answers).hasSize(1);
            assertThat(answers).filteredOn(a -> a.status() != 201).as("round %d", round)
                    .hasSize(THREADS - 1)
                    .allSatisfy(a -> {
                        assertThat(a.status()).as("%s", a).isEqualTo(409);
                        assertThat(a.isProblem()).as("%s", a).isTrue();
                        assertThat(a.rule()).as("%s", a).isIn("rollout-in-progress", "concurrent-change");
                    });
            int winner = Integer.parseInt(started.get(0).what().substring("start v".length()));
            JsonNode now = serving(model, PRODUCTION);
            assertThat(now.path("candidate").path("version").asInt()).as("read-your-writes").isEqualTo(winner);
            assertThat(now.path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
            assertThat(now.path("champion").path("version").asInt()).isEqualTo(champion);
            assertThat(now.path("champion").path("trafficPercent").asInt()).isEqualTo(90);
            ok(abort(as("alice"), model, PRODUCTION, "next round"));
        }

        Replay replayed = assertEventStoreInvariants(model);
        assertThat(replayed.environments().get(PRODUCTION).rolloutsStarted).isEqualTo(1 + 4);
        assertReadModelInvariants(model, replayed);
    }

    // ---- (b) approvals of one HIGH request ----

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void concurrentApprovalsGrantAHighRequestOnceWithTwoDistinctApprovals() throws Exception {
        String model = createModel("race-approve", "HIGH");
        String third = createUser("race-reviewer", List.of("RISK_REVIEWER"));

        for (int round = 0; round < 5; round++) {
            int version = registerVersion(model);
            int number = request(model, version, PRODUCTION);
            boolean threeReviewers = round % 2 == 1;
            List<Callable<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String reviewer = threeReviewers && i % 4 == 3 ? third : i % 2 == 0 ? "rita" : "ravi";
                Api api = reviewer.equals(third) ? asUser(third) : as(reviewer);
                calls.add(() -> Answer.of(reviewer, approve(api, model, number, "Approved by " + reviewer)));
            }

            List<Answer> answers = race(calls);

            assertNoFailure(answers);
            List<Answer> approved = answers.stream().filter(a -> a.status() == 200).toList();
            assertThat(approved).as("round %d: %s", round, answers).hasSize(2);
            assertThat(approved).extracting(Answer::what).as("two different reviewers").doesNotHaveDuplicates();
            assertThat(answers).filteredOn(a -> a.status() != 200).allSatisfy(a -> {
                assertThat(a.status()).as("%s", a).isEqualTo(409);
                assertThat(a.rule()).as("%s", a).isIn("already-approved", "request-closed", "concurrent-change");
            });
            JsonNode request = promotionView(model, number);
            assertThat(request.path("status").asString()).isEqualTo("GRANTED");
            List<String> approvers = approvers(request);
            assertThat(approvers).hasSize(2).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(approved.stream().map(Answer::what).toList());
            assertThat(request.path("approvalsStillNeeded").asInt()).isZero();
            assertThat(countEvents(model, "PromotionGranted", number)).as("granted once").isEqualTo(1);
            assertThat(countEvents(model, "PromotionApproved", number)).isEqualTo(2);
        }

        Replay replayed = assertEventStoreInvariants(model);
        assertReadModelInvariants(model, replayed);
    }

    // ---- (c) rollback racing completion, traffic changes and aborts ----

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void rollbackRacingCompletionTrafficAndAbortNeverFails() throws Exception {
        String model = createModel("race-rollback", "LOW");
        List<Integer> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int version = registerVersion(model);
            grantProduction(model, version, "LOW");
            versions.add(version);
        }
        makeChampion(model, PRODUCTION, versions.get(0));
        makeChampion(model, PRODUCTION, versions.get(1));
        Map<Integer, Integer> statuses = new HashMap<>();
        Map<String, Integer> rules = new HashMap<>();

        for (int round = 0; round < 10; round++) {
            JsonNode before = serving(model, PRODUCTION);
            if (before.path("candidate").isMissingNode()) {
                int champion = before.path("champion").path("version").asInt();
                int next = versions.get((round + 2) % versions.size());
                if (next == champion) {
                    next = versions.get((round + 3) % versions.size());
                }
                startRolloutOk(model, PRODUCTION, next, 10);
            }
            List<Callable<Answer>> calls = List.of(
                    () -> Answer.of("complete", complete(as("alice"), model, PRODUCTION)),
                    () -> Answer.of("rollback", rollBack(as("bob"), model, PRODUCTION, "race " + System.nanoTime())),
                    () -> Answer.of("traffic 30", traffic(as("alice"), model, PRODUCTION, 30)),
                    () -> Answer.of("traffic 70", traffic(as("bob"), model, PRODUCTION, 70)),
                    () -> Answer.of("abort", abort(as("alice"), model, PRODUCTION, "race")),
                    () -> Answer.of("rollback", rollBack(as("alice"), model, PRODUCTION, "race")),
                    () -> Answer.of("complete", complete(as("bob"), model, PRODUCTION)),
                    () -> Answer.of("traffic 0", traffic(as("bob"), model, PRODUCTION, 0)));

            List<Answer> answers = race(calls);

            assertNoFailure(answers);
            assertThat(answers).allSatisfy(a -> {
                assertThat(a.status()).as("%s", a).isIn(200, 400, 409);
                if (a.status() != 200) {
                    assertThat(a.isProblem()).as("%s", a).isTrue();
                }
            });
            assertThat(answers).filteredOn(a -> a.what().equals("traffic 0"))
                    .allSatisfy(a -> assertThat(a.status()).isEqualTo(400));
            long ended = answers.stream().filter(a -> a.status() == 200
                    && (a.what().equals("complete") || a.what().equals("abort"))).count();
            assertThat(ended).as("the rollout ends exactly once: %s", answers).isEqualTo(1);
            answers.forEach(a -> {
                statuses.merge(a.status(), 1, Integer::sum);
                if (a.rule() != null) {
                    rules.merge(a.rule(), 1, Integer::sum);
                }
            });
            JsonNode after = serving(model, PRODUCTION);
            assertThat(after.path("candidate").isMissingNode()).as("no rollout left: %s", after).isTrue();
            assertThat(after.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        }

        assertThat(statuses).as("answers over all rounds; rules %s", rules).containsKeys(200, 409);
        Replay replayed = assertEventStoreInvariants(model);
        assertThat(replayed.environments().get(PRODUCTION).rollbacks).as("some rollbacks won their race").isPositive();
        assertReadModelInvariants(model, replayed);
        assertThat(as("carla").get(modelPath(model) + "/rollbacks").json().path("totalItems").asInt())
                .isEqualTo(replayed.environments().get(PRODUCTION).rollbacks);
    }

    // ---- read-your-writes under concurrent writes to different models ----

    /**
     * Each thread writes to its own model and checks that every answer (built from the read models after the
     * command) shows its own write. No conflict is possible, so every answer must be a success showing the write.
     */
    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void concurrentWritesToDifferentModelsEachReadTheirOwnWrite() throws Exception {
        List<String> models = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            String model = createModel("race-ryw", "LOW");
            registerVersion(model);
            models.add(model);
        }
        List<Callable<List<String>>> calls = new ArrayList<>();
        for (String model : models) {
            calls.add(() -> {
                List<String> stale = new ArrayList<>();
                Api alice = as("alice");
                for (int i = 0; i < 4; i++) {
                    Api.Response registered = alice.post(modelPath(model) + "/versions",
                            Samples.version());
                    if (registered.status() != 201) {
                        stale.add("register: " + registered + " then GET versions: "
                                + alice.get(modelPath(model) + "/versions?size=1").json().path("totalItems"));
                        continue;
                    }
                    int version = registered.json().path("version").asInt();
                    Api.Response requested = requestPromotion(alice, model, version, PRODUCTION);
                    if (requested.status() != 201 || !"PENDING".equals(requested.json().path("status").asString())) {
                        stale.add("request v" + version + ": " + requested);
                        continue;
                    }
                    int number = requested.json().path("requestNumber").asInt();
                    Api.Response approved = approve(as("rita"), model, number, "ok");
                    if (approved.status() != 200 || !"GRANTED".equals(approved.json().path("status").asString())) {
                        stale.add("approve #" + number + ": " + approved);
                    }
                    Api.Response started = startRollout(alice, model, STAGING, version, 100);
                    if (started.status() != 201
                            || started.json().path("candidate").path("version").asInt() != version) {
                        stale.add("start v" + version + ": " + started);
                        continue;
                    }
                    Api.Response completed = complete(alice, model, STAGING);
                    if (completed.status() != 200
                            || completed.json().path("champion").path("version").asInt() != version) {
                        stale.add("complete v" + version + ": " + completed);
                    }
                }
                return stale;
            });
        }

        List<String> stale = race(calls).stream().flatMap(List::stream).toList();

        assertThat(stale).as("answers that did not show their own write").isEmpty();
        for (String model : models) {
            assertReadModelInvariants(model, assertEventStoreInvariants(model));
        }
    }

    // ---- racing ----

    /** Runs every call on its own thread, all released together by a start gate; answers in call order. */
    private static <T> List<T> race(List<Callable<T>> calls) throws Exception {
        CountDownLatch ready = new CountDownLatch(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<T> results = new ArrayList<>();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate never opened");
                    }
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all racers ready").isTrue();
            start.countDown();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        return results;
    }

    private static void assertNoFailure(List<Answer> answers) {
        assertThat(answers).as("no answer is a failure of the registry").allSatisfy(a ->
                assertThat(a.status()).as("%s", a).isLessThan(500));
    }

    // ---- invariants in the event store ----

    private record StoredEvent(long sequence, String type, JsonNode payload, JsonNode metaData, Instant time) {
    }

    private static final class Request {
        final int version;
        final String environment;
        final String requestedBy;
        final boolean approvalRequired;
        final int requiredApprovals;
        final Set<String> approvers = new LinkedHashSet<>();
        String status = "PENDING";
        Instant validUntil;
        int grants;

        Request(JsonNode e) {
            version = e.path("version").asInt();
            environment = e.path("environment").asString();
            requestedBy = e.path("requestedBy").asString();
            approvalRequired = e.path("policy").path("approvalRequired").asBoolean();
            requiredApprovals = e.path("policy").path("requiredApprovals").asInt();
        }
    }

    /** What the replay found: per environment, and per request number. */
    private record Replay(Map<String, EnvState> environments, Map<Integer, Request> requests) {
    }

    /** What the replay found per environment. */
    static final class EnvState {
        Integer champion;
        Integer candidate;
        Integer traffic;
        int rolloutsStarted;
        int rollbacks;
    }

    private List<StoredEvent> events(String model) {
        return jdbc.query("""
                SELECT sequence_number, payload_type, payload, meta_data, time_stamp FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", (rs, n) -> {
            String type = rs.getString("payload_type");
            return new StoredEvent(rs.getLong("sequence_number"), type.substring(type.lastIndexOf('.') + 1),
                    Api.JSON.readTree(new String(rs.getBytes("payload"), StandardCharsets.UTF_8)),
                    Api.JSON.readTree(new String(rs.getBytes("meta_data"), StandardCharsets.UTF_8)),
                    Instant.parse(rs.getString("time_stamp")));
        }, model);
    }

    private long countEvents(String model, String type, int requestNumber) {
        return events(model).stream().filter(e -> e.type().equals(type)
                && e.payload().path("requestNumber").asInt() == requestNumber).count();
    }

    /**
     * Replays the model's stored events and checks every rule at every step: gapless sequence, at most one rollout
     * per environment, the champion changes only by RolloutCompleted or RolledBack, a production rollout only of a
     * version granted (and not expired) for production, approvals by distinct reviewers who neither registered nor
     * requested, a grant once per request with enough approvals.
     */
    private Replay assertEventStoreInvariants(String model) {
        List<StoredEvent> events = events(model);
        Map<Integer, String> registrants = new HashMap<>();
        Map<Integer, Request> requests = new HashMap<>();
        Map<String, EnvState> environments = new LinkedHashMap<>();
        environments.put(STAGING, new EnvState());
        environments.put(PRODUCTION, new EnvState());
        assertThat(events).as("events of %s", model).isNotEmpty();
        for (int i = 0; i < events.size(); i++) {
            StoredEvent event = events.get(i);
            JsonNode e = event.payload();
            String at = "event " + event.sequence() + " " + event.type() + " " + e;
            assertThat(event.sequence()).as("gapless sequence at %s", at).isEqualTo(i);
            assertThat(e.path("modelName").asString()).as(at).isEqualTo(model);
            String actor = event.metaData().path("actor").asString();
            assertThat(actor).as("actor of %s", at).isNotBlank();
            assertThat(event.metaData().path("correlationId").asString()).as("correlation id of %s", at).isNotBlank();
            for (String who : List.of("requestedBy", "approvedBy", "rejectedBy", "rolledBackBy", "acknowledgedBy")) {
                if (e.has(who)) {
                    assertThat(e.path(who).asString()).as("%s is the authenticated actor at %s", who, at)
                            .isEqualTo(actor);
                }
            }
            EnvState env = e.has("environment") ? environments.get(e.path("environment").asString()) : null;
            switch (event.type()) {
                case "ModelVersionRegistered" -> registrants.put(e.path("version").asInt(),
                        e.path("registeredBy").asString());
                case "PromotionRequested" -> {
                    int number = e.path("requestNumber").asInt();
                    assertThat(requests).as(at).doesNotContainKey(number);
                    assertThat(registrants).as(at).containsKey(e.path("version").asInt());
                    requests.put(number, new Request(e));
                }
                case "PromotionApproved" -> {
                    Request request = requests.get(e.path("requestNumber").asInt());
                    assertThat(request).as(at).isNotNull();
                    assertThat(request.status).as(at).isEqualTo("PENDING");
                    String reviewer = e.path("approvedBy").asString();
                    assertThat(reviewer).as("segregation of duties at %s", at)
                            .isNotEqualTo(request.requestedBy).isNotEqualTo(registrants.get(request.version));
                    assertThat(request.approvers.add(reviewer)).as("distinct approvers at %s", at).isTrue();
                    assertThat(e.path("approvals").asInt()).as(at).isEqualTo(request.approvers.size());
                    assertThat(request.approvers.size()).as(at).isLessThanOrEqualTo(request.requiredApprovals);
                }
                case "PromotionGranted" -> {
                    Request request = requests.get(e.path("requestNumber").asInt());
                    assertThat(request).as(at).isNotNull();
                    assertThat(request.status).as("granted once at %s", at).isEqualTo("PENDING");
                    assertThat(request.version).as(at).isEqualTo(e.path("version").asInt());
                    assertThat(request.environment).as(at).isEqualTo(e.path("environment").asString());
                    if (request.approvalRequired) {
                        assertThat(request.approvers).as(at).hasSize(request.requiredApprovals);
                        request.validUntil = Instant.parse(e.path("validUntil").asString());
                    }
                    request.status = "GRANTED";
                    request.grants++;
                }
                case "PromotionRejected" -> {
                    Request request = requests.get(e.path("requestNumber").asInt());
                    assertThat(request.status).as(at).isEqualTo("PENDING");
                    request.status = "REJECTED";
                }
                case "RolloutStarted" -> {
                    int version = e.path("version").asInt();
                    assertThat(env.candidate).as("at most one rollout at %s", at).isNull();
                    assertThat(integer(e, "champion")).as("champion as replayed at %s", at).isEqualTo(env.champion);
                    assertThat(version).as(at).isNotEqualTo(env.champion);
                    if (PRODUCTION.equals(e.path("environment").asString())) {
                        Request request = requests.get(integer(e, "requestNumber"));
                        assertThat(request).as("a production rollout names its request at %s", at).isNotNull();
                        assertThat(request.status).as(at).isEqualTo("GRANTED");
                        assertThat(request.version).as(at).isEqualTo(version);
                        assertThat(request.environment).as(at).isEqualTo(PRODUCTION);
                        assertThat(request.validUntil).as(at).isAfter(event.time());
                    }
                    env.candidate = version;
                    env.traffic = e.path("trafficPercent").asInt();
                    env.rolloutsStarted++;
                }
                case "RolloutTrafficChanged" -> {
                    assertThat(env.candidate).as(at).isEqualTo(e.path("version").asInt());
                    assertThat(e.path("trafficPercent").asInt()).as(at).isBetween(1, 100);
                    env.traffic = e.path("trafficPercent").asInt();
                }
                case "RolloutCompleted" -> {
                    assertThat(env.candidate).as(at).isEqualTo(e.path("version").asInt());
                    assertThat(integer(e, "previousChampion")).as(at).isEqualTo(env.champion);
                    env.champion = env.candidate;
                    env.candidate = null;
                    env.traffic = null;
                }
                case "RolloutAborted" -> {
                    assertThat(env.candidate).as(at).isEqualTo(e.path("version").asInt());
                    env.candidate = null;
                    env.traffic = null;
                }
                case "RolledBack" -> {
                    int restored = e.path("restoredVersion").asInt();
                    assertThat(env.candidate).as("no rollback during a rollout at %s", at).isNull();
                    assertThat(env.champion).as(at).isEqualTo(e.path("replacedVersion").asInt());
                    assertThat(restored).as(at).isNotEqualTo(env.champion);
                    if (PRODUCTION.equals(e.path("environment").asString())) {
                        assertThat(requests.values()).as("the restored version was approved at %s", at)
                                .anyMatch(r -> r.version == restored && r.environment.equals(PRODUCTION)
                                        && r.status.equals("GRANTED"));
                        assertThat(e.path("emergency").asBoolean()).as(at).isTrue();
                    }
                    env.champion = restored;
                    env.rollbacks++;
                }
                default -> {
                    // registration, retirement, archival, acknowledgement: no serving rule
                }
            }
        }
        assertThat(requests.values()).allSatisfy(r -> assertThat(r.grants).isLessThanOrEqualTo(1));
        return new Replay(environments, requests);
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asInt();
    }

    // ---- invariants in the read models ----

    /** The read models agree with the replay; intervals of one role never overlap; approvals are distinct. */
    private void assertReadModelInvariants(String model, Replay replayed) {
        replayed.environments().forEach((environment, expected) -> {
            List<Map<String, Object>> rows = jdbc.queryForList("""
                    SELECT champion_version, candidate_version, candidate_traffic FROM serving_state
                    WHERE model_name = ? AND environment = ?""", model, environment);
            assertThat(rows.size()).as("serving_state rows of %s/%s", model, environment).isLessThanOrEqualTo(1);
            Map<String, Object> row = rows.isEmpty() ? new HashMap<>() : rows.get(0);
            assertThat(row.get("champion_version")).as("champion of %s/%s", model, environment)
                    .isEqualTo(expected.champion);
            assertThat(row.get("candidate_version")).as("candidate of %s/%s", model, environment)
                    .isEqualTo(expected.candidate);
            assertThat(row.get("candidate_traffic")).as("candidate traffic of %s/%s", model, environment)
                    .isEqualTo(expected.traffic);

            List<Map<String, Object>> open = jdbc.queryForList("""
                    SELECT role, version, traffic_percent FROM serving_interval
                    WHERE model_name = ? AND environment = ? AND valid_to IS NULL ORDER BY role""", model, environment);
            Map<String, Object> openChampion = null;
            Map<String, Object> openCandidate = null;
            for (Map<String, Object> interval : open) {
                if ("CHAMPION".equals(interval.get("role"))) {
                    assertThat(openChampion).as("one open champion interval: %s", open).isNull();
                    openChampion = interval;
                } else {
                    assertThat(openCandidate).as("one open candidate interval: %s", open).isNull();
                    openCandidate = interval;
                }
            }
            int candidateTraffic = expected.traffic == null ? 0 : expected.traffic;
            if (expected.champion != null && candidateTraffic < 100) {
                assertThat(openChampion).as("open champion interval of %s/%s", model, environment).isNotNull();
                assertThat(openChampion.get("version")).isEqualTo(expected.champion);
                assertThat(openChampion.get("traffic_percent")).isEqualTo(100 - candidateTraffic);
            } else {
                assertThat(openChampion).as("open champion interval of %s/%s", model, environment).isNull();
            }
            if (expected.candidate != null) {
                assertThat(openCandidate).as("open candidate interval of %s/%s", model, environment).isNotNull();
                assertThat(openCandidate.get("version")).isEqualTo(expected.candidate);
                assertThat(openCandidate.get("traffic_percent")).isEqualTo(candidateTraffic);
            } else {
                assertThat(openCandidate).as("open candidate interval of %s/%s", model, environment).isNull();
            }
        });

        List<Map<String, Object>> backwards = jdbc.queryForList("""
                SELECT * FROM serving_interval WHERE model_name = ? AND valid_to < valid_from""", model);
        assertThat(backwards).as("intervals that end before they begin").isEmpty();
        List<Map<String, Object>> overlapping = jdbc.queryForList("""
                SELECT a.role, a.environment, a.version AS a_version, a.valid_from AS a_from, a.valid_to AS a_to,
                       b.version AS b_version, b.valid_from AS b_from, b.valid_to AS b_to
                FROM serving_interval a JOIN serving_interval b
                  ON a.model_name = b.model_name AND a.environment = b.environment AND a.role = b.role
                 AND a.opened_at < b.opened_at
                WHERE a.model_name = ?
                  AND tstzrange(a.valid_from, a.valid_to, '[)') && tstzrange(b.valid_from, b.valid_to, '[)')""",
                model);
        assertThat(overlapping).as("overlapping intervals of one role").isEmpty();

        List<Map<String, Object>> approvals = jdbc.queryForList("""
                SELECT r.request_number, r.required_approvals, count(a.approved_by) AS approvals,
                       count(DISTINCT a.approved_by) AS approvers
                FROM promotion_request r LEFT JOIN promotion_approval a
                  ON a.model_name = r.model_name AND a.request_number = r.request_number
                WHERE r.model_name = ? GROUP BY r.request_number, r.required_approvals""", model);
        assertThat(approvals).isNotEmpty().allSatisfy(r -> {
            assertThat(r.get("approvals")).as("%s", r).isEqualTo(r.get("approvers"));
            assertThat(((Number) r.get("approvals")).intValue()).as("%s", r)
                    .isLessThanOrEqualTo(((Number) r.get("required_approvals")).intValue());
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM promotion_approval a WHERE a.model_name = ? AND NOT EXISTS (
                SELECT 1 FROM promotion_request r WHERE r.model_name = a.model_name
                AND r.request_number = a.request_number)""", Integer.class, model)).as("orphan approvals").isZero();
        Map<Integer, String> statuses = new HashMap<>();
        jdbc.query("SELECT request_number, status FROM promotion_request WHERE model_name = ?",
                rs -> { statuses.put(rs.getInt(1), rs.getString(2)); }, model);
        Map<Integer, String> expectedStatuses = new HashMap<>();
        replayed.requests().forEach((number, request) -> expectedStatuses.put(number, request.status));
        assertThat(statuses).as("request statuses of %s", model).isEqualTo(expectedStatuses);
        Map<Integer, Set<String>> approvers = new HashMap<>();
        jdbc.query("SELECT request_number, approved_by FROM promotion_approval WHERE model_name = ?",
                rs -> { approvers.computeIfAbsent(rs.getInt(1), k -> new HashSet<>()).add(rs.getString(2)); }, model);
        replayed.requests().forEach((number, request) -> assertThat(approvers.getOrDefault(number, Set.of()))
                .as("approvers of request #%d of %s", number, model).isEqualTo(request.approvers));
    }
}
