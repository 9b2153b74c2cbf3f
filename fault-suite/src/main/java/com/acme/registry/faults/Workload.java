package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Client threads that write (version registrations with an Idempotency-Key, model registrations, archivals) and read
 * while faults happen, as a careful client would: on no connection, a 503 or another 5xx it retries the same request
 * (the same key) until it gets an answer; a 2xx is an acknowledged write; a 4xx ends the attempt. It remembers every
 * acknowledgement so that the store can be checked against it afterwards.
 */
public final class Workload {

    /** An acknowledged version registration. */
    public record Ack(String model, int version, String artifactUri) {
    }

    private final Supplier<URI> base;
    private final String writerToken;
    private final String readerToken;
    private final String prefix;
    private final Answers answers;
    private final List<String> models = new CopyOnWriteArrayList<>();
    private final Map<String, Ack> acked = new ConcurrentHashMap<>();
    private final Map<String, String> sent = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ackedModels = new ConcurrentHashMap<>();
    private final Map<String, Integer> archived = new ConcurrentHashMap<>();
    private final AtomicLong lastWrite = new AtomicLong();
    private final AtomicLong lastRead = new AtomicLong();
    private final AtomicLong slowestWriteMillis = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stop;
    private volatile long giveUpAt = Long.MAX_VALUE;

    public Workload(Supplier<URI> base, String writerToken, String readerToken, String prefix, Answers answers) {
        this.base = base;
        this.writerToken = writerToken;
        this.readerToken = readerToken;
        this.prefix = prefix;
        this.answers = answers;
    }

    /** Registers the models the writers add versions to. */
    public void setUp(int modelCount) throws IOException {
        try (Api api = Api.bearer(base.get(), writerToken)) {
            for (int i = 0; i < modelCount; i++) {
                String name = prefix + "-m" + i;
                HttpConnection.Response r = api.post("/api/v1/models", model(name));
                if (r.status() != 201) {
                    throw new IOException("set-up: POST /api/v1/models " + name + ": " + Api.describe(r));
                }
                models.add(name);
                ackedModels.put(name, true);
            }
        }
    }

    public void start(int writers, int readers, boolean basicAuthReader) {
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> write(id), prefix + "-writer-" + w));
        }
        for (int r = 0; r < readers; r++) {
            threads.add(new Thread(() -> read(false), prefix + "-reader-" + r));
        }
        if (basicAuthReader) {
            threads.add(new Thread(() -> read(true), prefix + "-basic-reader"));
        }
        threads.forEach(Thread::start);
    }

    /** Stops the clients; a write in progress is retried for up to {@code grace} seconds more. */
    public void stop(int graceSeconds) throws InterruptedException {
        stop = true;
        giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(graceSeconds + 30));
        }
    }

    /** Nanos of the last acknowledged write / successful read (System.nanoTime). */
    public long lastWrite() {
        return lastWrite.get();
    }

    public long lastRead() {
        return lastRead.get();
    }

    public int acknowledged() {
        return acked.size() + ackedModels.size() + archived.size();
    }

    public long slowestWriteMillis() {
        return slowestWriteMillis.get();
    }

    /** Waits until a write (or read) succeeds after {@code since}; the time from {@code since}, or -1. */
    public double secondsToFirstSuccessAfter(long since, boolean write, int limitSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        AtomicLong last = write ? lastWrite : lastRead;
        while (System.nanoTime() < deadline) {
            long t = last.get();
            if (t > since) {
                return (t - since) / 1e9;
            }
            Thread.sleep(20);
        }
        return -1;
    }

    private void write(int id) {
        SplittableRandom random = new SplittableRandom(id * 7_919L + prefix.hashCode());
        List<Ack> mine = new ArrayList<>();
        int seq = 0;
        try (Api api = Api.bearer(base.get(), writerToken)) {
            while (!stop) {
                int dice = random.nextInt(100);
                seq++;
                if (dice < 8) {
                    registerModel(api, prefix + "-t" + id + "-" + seq);
                } else if (dice < 13 && !mine.isEmpty()) {
                    Ack target = mine.remove(random.nextInt(mine.size()));
                    archive(api, target);
                } else {
                    String key = prefix + "-" + id + "-" + seq;
                    Ack ack = registerVersion(api, models.get(random.nextInt(models.size())), key);
                    if (ack != null) {
                        mine.add(ack);
                    }
                }
            }
        }
    }

    private Ack registerVersion(Api api, String model, String key) {
        String uri = "s3://faults/" + key + "/model.onnx";
        sent.put(key, uri);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("artifactUri", uri);
        body.put("artifactDigest", "sha256:" + sha256(key));
        body.put("framework", "onnx");
        body.put("metrics", Map.of("auc", 0.8));
        String what = "POST /api/v1/models/" + model + "/versions (key " + key + ")";
        HttpConnection.Response r = untilAnswered(what, () -> api.send("POST", "/api/v1/models/" + model + "/versions",
                Map.of("Idempotency-Key", key), body));
        if (r == null) {
            return null;
        }
        if (r.status() / 100 == 2) {
            int version = Api.json(r).path("version").asInt(versionOf(r.header("Location")));
            Ack ack = new Ack(model, version, uri);
            acked.put(key, ack);
            return ack;
        }
        refused.put(key, Api.describe(r));
        return null;
    }

    private void registerModel(Api api, String name) {
        boolean[] retried = {false};
        HttpConnection.Response r = untilAnswered("POST /api/v1/models " + name,
                () -> api.post("/api/v1/models", model(name)), retried);
        if (r == null) {
            return;
        }
        if (r.status() / 100 == 2 || (r.status() == 409 && retried[0] && exists(api, "/api/v1/models/" + name))) {
            ackedModels.put(name, true);
            if (r.status() == 202) {
                awaitVisible(api, "/api/v1/models/" + name); // a 202 says: stored, not readable yet
            }
            models.add(name);
        }
    }

    /** Waits (bounded) until a write answered 202 can be read, as its Retry-After tells a client to. */
    private void awaitVisible(Api api, String path) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!exists(api, path) && System.nanoTime() < until) {
            pause(200);
        }
    }

    private void archive(Api api, Ack target) {
        String path = "/api/v1/models/" + target.model() + "/versions/" + target.version();
        boolean[] retried = {false};
        HttpConnection.Response r = untilAnswered("POST " + path + "/archival",
                () -> api.post(path + "/archival", Map.of("reason", "fault suite")), retried);
        if (r != null && (r.status() / 100 == 2 || (r.status() == 409 && retried[0]))) {
            archived.put(target.model() + "/" + target.version(), target.version());
        }
    }

    private HttpConnection.Response untilAnswered(String what, Call call) {
        return untilAnswered(what, call, new boolean[1]);
    }

    /**
     * Sends until an answer that is not a 5xx nor "no connection" arrives (or the grace time after stop runs out:
     * null). {@code retried[0]} tells the caller that an earlier attempt may have been applied.
     */
    private HttpConnection.Response untilAnswered(String what, Call call, boolean[] retried) {
        long start = System.nanoTime();
        while (System.nanoTime() < giveUpAt) {
            try {
                HttpConnection.Response r = call.send();
                if (r.status() == 409 && retried[0]) {
                    answers.alreadyApplied(what);
                } else {
                    answers.record(what, r);
                }
                if (r.status() < 500) {
                    if (r.status() / 100 == 2) {
                        long now = System.nanoTime();
                        lastWrite.set(now);
                        slowestWriteMillis.accumulateAndGet((now - start) / 1_000_000, Math::max);
                    }
                    return r;
                }
            } catch (IOException e) {
                answers.connectionError(what, e);
            }
            retried[0] = true;
            pause(150);
        }
        return null;
    }

    private void read(boolean basic) {
        SplittableRandom random = new SplittableRandom(basic ? 1 : Thread.currentThread().getName().hashCode());
        try (Api api = basic ? Api.basic(base.get(), "alice:demo") : Api.bearer(base.get(), readerToken)) {
            while (!stop) {
                String model = models.get(random.nextInt(models.size()));
                String path = basic ? "/api/v1/me" : switch (random.nextInt(3)) {
                    case 0 -> "/api/v1/models/" + model;
                    case 1 -> "/api/v1/models/" + model + "/versions?size=5";
                    default -> "/api/v1/models?namePrefix=" + prefix + "&size=5";
                };
                try {
                    HttpConnection.Response r = api.get(path);
                    if (answers.record("GET " + path + (basic ? " (HTTP Basic alice)" : ""), r)
                            && r.status() / 100 == 2) {
                        lastRead.set(System.nanoTime());
                    }
                } catch (IOException e) {
                    answers.connectionError("GET " + path, e);
                    pause(150);
                }
                pause(basic ? 100 : 20);
            }
        }
    }

    /**
     * After the run: every acknowledged write is in the store and the catalog with its content; one version per
     * Idempotency-Key; no write refused with a 4xx was stored. The catalog is read with the READER token: a person's
     * HTTP Basic costs a bcrypt per read.
     */
    public List<Check> checks(RegistryProcess registry) {
        List<Check> checks = new ArrayList<>();
        EventStore.Models store;
        try {
            store = EventStore.read(registry.database());
        } catch (Exception e) {
            checks.add(Check.broken("acknowledged writes present", "could not read the store: " + e.getMessage()));
            return checks;
        }
        Map<String, List<String>> byUri = new HashMap<>();
        Map<String, EventStore.StoredVersion> byModelVersion = new HashMap<>();
        store.versions().forEach((model, list) -> list.forEach(v -> {
            byUri.computeIfAbsent(v.artifactUri(), k -> new ArrayList<>()).add(model + " v" + v.version());
            byModelVersion.put(model + "/" + v.version(), v);
        }));
        List<String> missing = new ArrayList<>();
        acked.forEach((key, ack) -> {
            EventStore.StoredVersion v = byModelVersion.get(ack.model() + "/" + ack.version());
            if (v == null || !v.artifactUri().equals(ack.artifactUri())) {
                missing.add(key + " acknowledged as " + ack.model() + " v" + ack.version() + ", store has "
                        + (v == null ? "nothing" : v.artifactUri()));
            }
        });
        ackedModels.keySet().stream().filter(m -> !store.versions().containsKey(m))
                .forEach(m -> missing.add("model " + m + " acknowledged, not in the store"));
        try (Api api = Api.bearer(registry.base(), readerToken)) {
            for (Map.Entry<String, Ack> e : acked.entrySet()) {
                Ack ack = e.getValue();
                HttpConnection.Response r = api.get("/api/v1/models/" + ack.model() + "/versions/" + ack.version());
                JsonNode body = Api.json(r);
                if (r.status() != 200 || !ack.artifactUri().equals(body.path("artifactUri").asText())) {
                    missing.add(e.getKey() + ": catalog answers " + Api.describe(r) + " "
                            + body.path("artifactUri").asText(""));
                }
            }
            for (String mv : archived.keySet()) {
                String[] parts = mv.split("/");
                HttpConnection.Response r = api.get("/api/v1/models/" + parts[0] + "/versions/" + parts[1]);
                if (!"ARCHIVED".equals(Api.json(r).path("status").asText())) {
                    missing.add("archival of " + mv + " acknowledged, catalog says " + Api.describe(r) + " "
                            + Api.json(r).path("status").asText());
                }
            }
        } catch (IOException e) {
            missing.add("catalog did not answer: " + e.getMessage());
        }
        checks.add(Check.of("every acknowledged write present with its content (store and catalog)",
                missing.isEmpty(), missing.isEmpty() ? String.format("%d versions, %d models, %d archivals",
                        acked.size(), ackedModels.size(), archived.size()) : Invariants.first(missing)));
        List<String> duplicates = new ArrayList<>();
        sent.forEach((key, uri) -> {
            List<String> stored = byUri.getOrDefault(uri, List.of());
            if (stored.size() > 1) {
                duplicates.add(key + " stored " + stored.size() + " times: " + stored);
            }
        });
        checks.add(Check.of("no duplicates (at most one version per Idempotency-Key)", duplicates.isEmpty(),
                duplicates.isEmpty() ? sent.size() + " keys sent" : Invariants.first(duplicates)));
        List<String> refusedStored = new ArrayList<>();
        refused.forEach((key, answer) -> {
            if (byUri.containsKey(sent.get(key))) {
                refusedStored.add(key + " answered " + answer + " but stored as " + byUri.get(sent.get(key)));
            }
        });
        checks.add(Check.of("no write answered 4xx is stored", refusedStored.isEmpty(),
                refusedStored.isEmpty() ? refused.size() + " refused" : Invariants.first(refusedStored)));
        return checks;
    }

    static Map<String, Object> model(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", "written by the fault suite");
        body.put("ownerTeam", "faults");
        body.put("riskTier", "LOW");
        body.put("intendedUse", "fault injection");
        return body;
    }

    private boolean exists(Api api, String path) {
        try {
            return api.get(path).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static int versionOf(String location) {
        if (location == null) {
            return -1;
        }
        return Integer.parseInt(location.substring(location.lastIndexOf('/') + 1));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @FunctionalInterface
    private interface Call {
        HttpConnection.Response send() throws IOException;
    }
}
