package com.acme.registry.model;

import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many engineers registering versions of the same model at the same time: every registration gets exactly one
 * version number, the numbers are 1..n without gap or duplicate, in the event store and in the catalog alike.
 */
class ConcurrentRegistrationTest extends IntegrationTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 12;
    private static final int TOTAL = THREADS * PER_THREAD;
    private static final int MAX_ATTEMPTS = 10;

    /** One answer that was neither 201 nor a 409 problem. */
    private record Unexpected(String what, int status, String body) {
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentRegistrationsGetUniqueGaplessVersionNumbers() throws Exception {
        String name = uniqueName("concurrent");
        assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);

        Queue<Unexpected> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Integer> assigned = new ArrayList<>();
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Api api = as(thread % 2 == 0 ? "alice" : "bob");
                Callable<List<Integer>> worker = () -> {
                    ready.countDown();
                    if (!start.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate never opened");
                    }
                    List<Integer> versions = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        versions.add(register(api, name, body(thread, i), unexpected, conflicts));
                    }
                    return versions;
                };
                futures.add(pool.submit(worker));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).as("all workers ready").isTrue();
            start.countDown();
            for (Future<List<Integer>> future : futures) {
                assigned.addAll(future.get(45, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(unexpected).as("answers other than 201 or 409 problem+json (%d conflicts retried)", conflicts.get()).isEmpty();
        Set<Integer> oneToTotal = IntStream.rangeClosed(1, TOTAL).boxed().collect(Collectors.toSet());
        assertThat(assigned).as("version numbers answered in the 201 bodies").hasSize(TOTAL).doesNotHaveDuplicates();
        assertThat(new HashSet<>(assigned)).isEqualTo(oneToTotal);

        assertEventStream(name);
        assertCatalog(name);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sameIdempotencyKeyConcurrentlyAllAnswerTheFirstResult() throws Exception {
        String name = uniqueName("idempotent");
        Api keyed = as("alice").header("Idempotency-Key", "key-" + name);
        String path = "/api/v1/models/" + name + "/versions";
        assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);

        List<Api.Response> answers = concurrently(6, () -> keyed.post(path, Samples.version(0.9)));

        assertThat(answers).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(answers).extracting(r -> r.json().path("version").asInt()).containsOnly(1);
        assertThat(answers).extracting(r -> r.header("Location")).containsOnly(path + "/1");
        assertThat(answers).extracting(r -> r.header("Idempotent-Replayed"))
                .as("exactly one answer is the original, the others are replays")
                .containsExactlyInAnyOrder("false", "true", "true", "true", "true", "true");
        assertThat(versionEventCount(name)).isEqualTo(1);
    }

    /**
     * The invariants that hold today despite the bug above: one version stored, every 201 names it, no 5xx,
     * and afterwards the key answers the first result for the same body and 422 for another body.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void sameIdempotencyKeyConcurrentlyRegistersExactlyOneVersion() throws Exception {
        String name = uniqueName("idempotent");
        Api alice = as("alice");
        assertThat(alice.post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);
        String path = "/api/v1/models/" + name + "/versions";
        Api keyed = alice.header("Idempotency-Key", "key-" + name);
        Map<String, Object> body = Samples.version(0.9);

        List<Api.Response> answers = concurrently(6, () -> keyed.post(path, body));

        assertThat(answers).as("no failure of the registry").noneMatch(r -> r.status() >= 500)
                .as("no conflict or key-reuse answer for identical retries")
                .noneMatch(r -> r.status() == 409 || r.status() == 422);
        List<Api.Response> created = answers.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created).extracting(r -> r.json().path("version").asInt()).containsOnly(1);
        assertThat(created).extracting(r -> r.header("Idempotent-Replayed")).containsOnlyOnce("false");
        assertThat(versionEventCount(name)).as("exactly one version registered").isEqualTo(1);
        assertThat(alice.get(path).json().path("totalItems").asInt()).isEqualTo(1);
        assertThat(alice.get("/api/v1/models/" + name).json().path("versionCount").asInt()).isEqualTo(1);

        Api.Response again = keyed.post(path, body);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().path("version").asInt()).isEqualTo(1);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");

        Api.Response other = keyed.post(path, Samples.version(0.5));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.header("Content-Type")).startsWith("application/problem+json");
        assertThat(other.json().path("type").asString()).isEqualTo("urn:model-registry:problem:idempotency-key-reused");

        assertThat(versionEventCount(name)).isEqualTo(1);
        assertThat(alice.get("/api/v1/models/" + name).json().path("versionCount").asInt()).isEqualTo(1);
        assertThat(as("bob").header("Idempotency-Key", "key-" + name).post(path, body).json().path("version").asInt())
                .as("keys are per principal: bob's request with alice's key is a new registration").isEqualTo(2);
    }

    /** Runs {@code call} on {@code threads} threads released together by a start gate; answers every result. */
    private static <T> List<T> concurrently(int threads, Callable<T> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<T> results = new ArrayList<>();
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate never opened");
                    }
                    return call.call();
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            for (Future<T> future : futures) {
                results.add(future.get(40, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        return results;
    }

    private static Map<String, Object> body(int thread, int item) {
        Map<String, Object> body = Samples.version(0.5 + (thread * PER_THREAD + item) / 1000.0);
        body.put("description", "thread " + thread + " item " + item);
        return body;
    }

    /** Registers one version, retrying on 409 (bounded); answers the assigned number, or -1 and records why. */
    private static int register(Api api, String name, Map<String, Object> body, Queue<Unexpected> unexpected,
                                AtomicInteger conflicts) throws InterruptedException {
        String what = (String) body.get("description");
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Api.Response response = api.post("/api/v1/models/" + name + "/versions", body);
            if (response.status() == 201) {
                return response.json().path("version").asInt();
            }
            if (response.status() == 409 && String.valueOf(response.header("Content-Type"))
                    .startsWith("application/problem+json")) {
                conflicts.incrementAndGet();
                Thread.sleep(5L * attempt);
                continue;
            }
            unexpected.add(new Unexpected(what, response.status(), response.body()));
            return -1;
        }
        unexpected.add(new Unexpected(what + " (still 409 after " + MAX_ATTEMPTS + " attempts)", 409, ""));
        return -1;
    }

    private void assertEventStream(String name) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT sequence_number, payload_type, payload FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", name);
        assertThat(rows).hasSize(TOTAL + 1);
        assertThat(rows).extracting(r -> ((Number) r.get("sequence_number")).longValue())
                .as("sequence numbers 0..n without gap")
                .containsExactlyElementsOf(IntStream.rangeClosed(0, TOTAL).mapToObj(i -> (long) i).toList());
        assertThat(rows.get(0).get("payload_type")).isEqualTo(ModelRegistered.class.getName());

        List<JsonNode> versionEvents = rows.subList(1, rows.size()).stream()
                .peek(r -> assertThat(r.get("payload_type")).isEqualTo(ModelVersionRegistered.class.getName()))
                .map(r -> Api.JSON.readTree(new String((byte[]) r.get("payload"), StandardCharsets.UTF_8)))
                .toList();
        for (int i = 0; i < versionEvents.size(); i++) {
            JsonNode event = versionEvents.get(i);
            assertThat(event.path("modelName").asString()).isEqualTo(name);
            assertThat(event.path("version").asInt()).as("version of the event at sequence %d", i + 1)
                    .isEqualTo(i + 1);
        }
        Set<String> expectedDescriptions = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                expectedDescriptions.add("thread " + t + " item " + i);
            }
        }
        List<String> descriptions = versionEvents.stream()
                .map(e -> e.path("evidence").path("description").asString()).toList();
        assertThat(descriptions).as("each registration stored exactly once").doesNotHaveDuplicates();
        assertThat(new HashSet<>(descriptions)).isEqualTo(expectedDescriptions);
        Map<String, Long> byUser = versionEvents.stream()
                .collect(Collectors.groupingBy(e -> e.path("registeredBy").asString(), Collectors.counting()));
        assertThat(byUser).isEqualTo(Map.of("alice", (long) TOTAL / 2, "bob", (long) TOTAL / 2));
    }

    private void assertCatalog(String name) {
        Api.Response list = as("rita").get("/api/v1/models/" + name + "/versions?size=100");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("totalItems").asInt()).isEqualTo(TOTAL);
        List<Integer> listed = new ArrayList<>();
        list.json().path("items").forEach(v -> listed.add(v.path("version").asInt()));
        assertThat(listed).as("versions newest first, 1..n, no gap, no duplicate")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, TOTAL).map(i -> TOTAL + 1 - i).boxed().toList());

        JsonNode model = as("rita").get("/api/v1/models/" + name).json();
        assertThat(model.path("versionCount").asInt()).isEqualTo(TOTAL);
        assertThat(model.path("latestVersion").asInt()).isEqualTo(TOTAL);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM catalog_version_metric WHERE model_name = ?",
                Integer.class, name)).isEqualTo(TOTAL * 2);
    }

    private int versionEventCount(String name) {
        Integer count = jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?""",
                Integer.class, name, ModelVersionRegistered.class.getName());
        return count == null ? 0 : count;
    }
}
