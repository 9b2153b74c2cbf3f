package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.ClosedLoop;
import com.acme.registry.bench.load.Latencies;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.Worker;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;
import com.acme.registry.bench.seed.Evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (m) Version registrations through the MLflow-compatible endpoint ({@code POST /api/2.0/mlflow/model-versions/create})
 * against the native API ({@code POST /api/v1/models/{m}/versions}, full evidence, as in (a)), closed loop with the
 * same clients, the same writer token and the same models: each client registers in turn on its own
 * {@link #MODELS_PER_CLIENT} models. The two paths run alternately, {@link #ROUNDS} rounds each in ABBA order (native first), each
 * phase with its own warm-up; a path's figure is its rounds merged. The baseline is the native path, and the target
 * is on the cost per registration: MLflow's ÷ native's (= native throughput ÷ MLflow throughput) at most 1.20.
 */
public final class MlflowRegistrations {

    static final int MODELS_PER_CLIENT = 4;
    static final int ROUNDS = 2;
    static final double COST_RATIO_TARGET = 1.20;
    private static final int BODIES_PER_MODEL = 32;
    static final String NATIVE = "native";
    static final String MLFLOW = "mlflow";

    private MlflowRegistrations() {
    }

    /**
     * Measures (m) at a main stage; at any other stage (the harness's unrecorded JIT warm-up pass) runs one phase of
     * each path and records nothing: in the development runs the first phase measured a registry still compiling.
     */
    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        int n = b.settings.clients();
        List<List<String>> models = models("bench-m-" + b.runId + "-" + stage.index() + "-", n, MODELS_PER_CLIENT);
        try (HttpConnection http = b.registry.connect()) {
            int i = 0;
            for (List<String> ofClient : models) {
                for (String model : ofClient) {
                    b.registerModel(http, model, i++);
                }
            }
        }
        Map<String, List<LoadResult>> rounds = new LinkedHashMap<>();
        for (String path : phases(stage.main() ? ROUNDS : 1)) {
            b.registry.awaitProjections(b.tokens.admin(), Duration.ofMinutes(5));
            b.log("(m) %s: %d clients × %d models registering versions for %ds (+%ds warm-up)…", path, n,
                    MODELS_PER_CLIENT, b.settings.duration().toSeconds(), b.settings.warmup().toSeconds());
            LoadResult result = ClosedLoop.run(new ClosedLoop.Settings(n, b.settings.warmup(), b.settings.duration()),
                    w -> path.equals(NATIVE) ? new NativeRegistrations(b, models.get(w))
                            : new MlflowCreates(b, models.get(w)));
            b.log("(m) %s: %s", path, result.describe());
            rounds.computeIfAbsent(path, k -> new ArrayList<>()).add(result);
        }
        if (!stage.main()) {
            return;
        }
        LoadResult nativeApi = merge(rounds.get(NATIVE));
        LoadResult mlflow = merge(rounds.get(MLFLOW));
        b.table.add("m", "MLflow registrations/s, " + n + " clients (native API baseline)", mlflow.perSecond(), "/s",
                nativeApi.perSecond(), null);
        b.table.add("m", "MLflow registration p50 (native)", mlflow.latencies().percentileMillis(50), "ms",
                nativeApi.latencies().percentileMillis(50), null);
        b.table.add("m", "MLflow registration p99 (native)", mlflow.latencies().percentileMillis(99), "ms",
                nativeApi.latencies().percentileMillis(99), null);
        b.table.add("m", "MLflow cost per registration, 1 ÷ rate (native)", 1000 / mlflow.perSecond(), "ms",
                1000 / nativeApi.perSecond(), Target.ratioAtMost(COST_RATIO_TARGET));
        b.table.note(String.format("(m) at %,d events, %d clients on %d models each, the same models for both paths, "
                        + "phases %s: native %s; MLflow %s; rounds native %s, MLflow %s", events, n, MODELS_PER_CLIENT,
                phases(ROUNDS), nativeApi.describe(), mlflow.describe(), perSecond(rounds.get(NATIVE)),
                perSecond(rounds.get(MLFLOW))));
    }

    /**
     * The order of the measured phases: native, MLflow, MLflow, native… (ABBA), because every phase of the
     * development runs was faster than the one before (the registry's JIT still warming): with plain alternation
     * MLflow always ran later than native and gained from it; in ABBA order a steady drift cancels out.
     */
    static List<String> phases(int rounds) {
        List<String> phases = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            phases.addAll(r % 2 == 0 ? List.of(NATIVE, MLFLOW) : List.of(MLFLOW, NATIVE));
        }
        return phases;
    }

    /** Each client's own models: {@code prefix<client>-<k>}, so no two clients write to the same model. */
    static List<List<String>> models(String prefix, int clients, int perClient) {
        List<List<String>> models = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            List<String> ofClient = new ArrayList<>();
            for (int k = 0; k < perClient; k++) {
                ofClient.add(prefix + w + "-" + k);
            }
            models.add(List.copyOf(ofClient));
        }
        return List.copyOf(models);
    }

    /**
     * The body of MLflow's {@code model-versions/create} for the {@code n}th version a client sends of {@code model}:
     * the artifact's location and run, and the two evidence tags MLflow has no field for (digest, framework).
     */
    static Map<String, Object> createVersionBody(String model, int n) {
        byte[] digest = sha256(model + "/" + n);
        String hex = HexFormat.of().formatHex(digest);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", model);
        body.put("source", "s3://bench/" + model + "/" + n);
        body.put("run_id", hex.substring(0, 32));
        body.put("tags", List.of(
                Map.of("key", "registry.artifact_digest", "value", "sha256:" + hex),
                Map.of("key", "registry.framework", "value", "onnx")));
        return body;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Several measurements of one path as one: every latency, every answer, all their seconds. */
    static LoadResult merge(List<LoadResult> results) {
        Latencies latencies = new Latencies();
        long completed = 0;
        long errors = 0;
        double seconds = 0;
        String firstError = null;
        for (LoadResult r : results) {
            latencies.add(r.latencies());
            completed += r.completed();
            errors += r.errors();
            seconds += r.seconds();
            firstError = firstError != null ? firstError : r.firstError();
        }
        return new LoadResult(latencies, completed, errors, 0, seconds, firstError);
    }

    private static String perSecond(List<LoadResult> results) {
        return results.stream().map(r -> String.format("%.0f/s", r.perSecond())).toList().toString();
    }

    /** A client of the native API: full evidence and a fresh Idempotency-Key each, as in (a), over its models. */
    private static final class NativeRegistrations implements Worker {
        private final Bench b;
        private final List<String> models;
        private final byte[][][] bodies;
        private final HttpConnection http;
        private final String keyPrefix;
        private long sent;

        NativeRegistrations(Bench b, List<String> models) {
            this.b = b;
            this.models = models;
            this.bodies = new byte[models.size()][BODIES_PER_MODEL][];
            for (int m = 0; m < models.size(); m++) {
                for (int i = 0; i < BODIES_PER_MODEL; i++) {
                    bodies[m][i] = b.registry.bytes(Evidence.version(models.get(m), i + 1, null));
                }
            }
            this.keyPrefix = "bench-" + b.runId + "-" + models.get(0) + "-" + System.nanoTime() + "-";
            this.http = b.registry.connect();
        }

        @Override
        public void call(long sequence) throws Exception {
            long own = sent++;
            int m = (int) (own % models.size());
            HttpConnection.Response r = http.post("/api/v1/models/" + models.get(m) + "/versions",
                    b.writerHeaders(keyPrefix + own), bodies[m][(int) (own / models.size() % BODIES_PER_MODEL)]);
            if (r.status() != 201) {
                throw new IOException("HTTP " + r.status() + " " + r.text());
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }

    /** A client of the MLflow endpoint over the same models, with the same token. */
    private static final class MlflowCreates implements Worker {
        private final List<String> models;
        private final byte[][][] bodies;
        private final Map<String, String> headers;
        private final HttpConnection http;
        private long sent;

        MlflowCreates(Bench b, List<String> models) {
            this.models = models;
            this.bodies = new byte[models.size()][BODIES_PER_MODEL][];
            for (int m = 0; m < models.size(); m++) {
                for (int i = 0; i < BODIES_PER_MODEL; i++) {
                    bodies[m][i] = b.registry.bytes(createVersionBody(models.get(m), i + 1));
                }
            }
            this.headers = Registry.bearerJson(b.tokens.writer());
            this.http = b.registry.connect();
        }

        @Override
        public void call(long sequence) throws Exception {
            long own = sent++;
            int m = (int) (own % models.size());
            HttpConnection.Response r = http.post("/api/2.0/mlflow/model-versions/create", headers,
                    bodies[m][(int) (own / models.size() % BODIES_PER_MODEL)]);
            if (r.status() != 200 || !r.text().contains("\"version\"")) {
                throw new IOException("HTTP " + r.status() + " " + r.text());
            }
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
