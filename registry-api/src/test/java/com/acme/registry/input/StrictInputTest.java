package com.acme.registry.input;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static com.acme.registry.input.StorableInputTest.fields;
import static org.assertj.core.api.Assertions.assertThat;

/** Strict JSON, every missing field named at once, limits on bodies and headers, honest replays. */
class StrictInputTest extends IntegrationTest {

    @Test
    void integersMustBeIntegers() {
        String model = modelWithVersion();
        assertRefused(as("alice").post(versions(model), json(Samples.version(), "artifactSizeBytes", "1.5")),
                "artifactSizeBytes", "integer");
        assertRefused(as("alice").post("/api/v1/models/" + model + "/promotions",
                "{\"version\": 1.5, \"environment\": \"staging\", \"justification\": \"j\"}"), "version", "integer");
        for (String traffic : List.of("50.5", "\"50\"", "true")) {
            assertRefused(as("alice").post("/api/v1/models/" + model + "/environments/staging/rollout",
                    "{\"version\": 1, \"trafficPercent\": " + traffic + "}"), "trafficPercent", "integer");
        }
        assertRefused(as("alice").post(versions(model), json(Samples.version(), "artifactSizeBytes",
                "99999999999999999999")), "artifactSizeBytes", "out of range");
        assertRefused(as("alice").post("/api/v1/models/" + model + "/promotions",
                "{\"version\": 3000000000, \"environment\": \"staging\", \"justification\": \"j\"}"),
                "version", "out of range");
        assertThat(versionCount(model)).isEqualTo(1);
    }

    @Test
    void stringsMustBeStringsAndNumbersNumbers() {
        Map<String, Object> model = Samples.model(uniqueName("typed"));
        model.put("name", 123);
        assertRefused(as("alice").post("/api/v1/models", model), "name", "a string");

        String name = modelWithVersion();
        Map<String, Object> features = Samples.version();
        features.put("features", List.of(1));
        assertRefused(as("alice").post(versions(name), features), "features[0]", "a string");
        Map<String, Object> metric = Samples.version();
        metric.put("metrics", Map.of("auc", "0.9"));
        assertRefused(as("alice").post(versions(name), metric), "metrics.auc", "a number");
        Map<String, Object> tier = Samples.model(uniqueName("typed"));
        tier.put("riskTier", 0);
        assertRefused(as("alice").post("/api/v1/models", tier), "riskTier", "HIGH");
        assertRefused(as("adam").put("/api/v1/admin/users/alice/enabled", "{\"enabled\": 1}"), "enabled", "true or false");

        // an integer is a number: accepted for a decimal metric
        Map<String, Object> whole = Samples.version();
        whole.put("metrics", Map.of("auc", 1));
        assertThat(as("alice").post(versions(name), whole).status()).isEqualTo(201);
        assertThat(versionCount(name)).isEqualTo(2);
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        String name = uniqueName("twice");
        String body = json(Samples.model(name), "\"name\": \"" + name + "-b\"");
        Api.Response refused = as("alice").post("/api/v1/models", body);
        assertRefused(refused, "name", "more than once");
        assertThat(as("alice").get("/api/v1/models/" + name).status()).isEqualTo(404);
        assertThat(as("alice").get("/api/v1/models/" + name + "-b").status()).isEqualTo(404);

        String model = modelWithVersion();
        assertRefused(as("alice").post(versions(model),
                json(Samples.version(), "trainingRun", "{\"id\": \"a\", \"id\": \"b\"}")), "trainingRun.id", "more than once");
    }

    @Test
    void everyMissingFieldIsNamedAtOnce() {
        Api.Response model = as("alice").post("/api/v1/models", "{}");
        assertThat(model.status()).isEqualTo(400);
        assertThat(fields(model)).contains("name", "ownerTeam", "riskTier", "intendedUse");

        String name = modelWithVersion();
        Api.Response version = as("alice").post(versions(name), "{}");
        assertThat(fields(version)).contains("artifactUri", "artifactDigest", "framework");

        Api.Response promotion = as("alice").post("/api/v1/models/" + name + "/promotions", "{}");
        assertThat(fields(promotion)).contains("version", "environment", "justification");

        Api.Response rollout = as("alice").post("/api/v1/models/" + name + "/environments/staging/rollout", "{}");
        assertThat(fields(rollout)).containsExactlyInAnyOrder("version", "trafficPercent");
    }

    @Test
    void brokenJsonIsNamedWithoutJacksonsText() {
        String name = modelWithVersion();
        for (String bad : List.of("NaN", "Infinity", "-Infinity")) {
            Api.Response refused = as("alice").post(versions(name),
                    json(Samples.version(), "metrics", "{\"auc\": " + bad + "}"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.body()).contains("NaN and Infinity are not JSON numbers")
                    .doesNotContain("Jackson", "JsonReadFeature", "java.", "tools.");
        }
        for (String broken : List.of("{\"reason\": ", "{\"reason\": \"x\"} trailing", "[1, 2]", "\"text\"", "")) {
            Api.Response refused = as("alice").post("/api/v1/models/" + name + "/retirement", broken);
            assertThat(refused.status()).as("%s → %s", broken, refused).isEqualTo(400);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("Jackson", "java.", "tools.", "Cannot", "token");
        }
        assertThat(as("alice").get("/api/v1/models/" + name).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aParameterOfTheWrongShapeNamesItsType() {
        Api.Response flagged = as("rita").get("/api/v1/rollbacks?flagged=maybe");
        assertRefused(flagged, "flagged", "true or false");
        assertThat(flagged.body()).doesNotContain("JSON object");

        Api.Response token = as("adam").get("/api/v1/admin/tokens/not-a-uuid");
        assertRefused(token, "id", "a UUID");

        Api.Response tier = as("alice").get("/api/v1/models?riskTier=EXTREME");
        assertRefused(tier, "riskTier", "one of HIGH, MEDIUM, LOW");

        Api.Response version = as("alice").get("/api/v1/models/x/versions/1.5");
        assertRefused(version, "version", "integer");
    }

    @Test
    void aParameterThatIsNoUtf8IsBadInputNotAFailure() {
        String name = modelWithVersion();
        for (String query : List.of("asOf=%FF", "status=%C3%28", "page=%FF%FE")) {
            Api.Response promotions = as("alice").get("/api/v1/models/" + name + "/promotions?" + query);
            assertRefused(promotions, "parameters", "UTF-8");
        }
        assertRefused(as("alice").get("/api/v1/models/" + name + "/environments/staging?asOf=%FF"), "parameters",
                "UTF-8");
    }

    @Test
    void aBodyOverTheLimitIsA413WithoutBeingRead() {
        String name = modelWithVersion();
        String reason = "{\"reason\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        Api.Response refused = as("alice").post("/api/v1/models/" + name + "/retirement", reason);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(413);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().path("detail").asString()).contains("1 MB");

        RawHttp.Answer chunked = RawHttp.chunkedPost(port, "/api/v1/models/" + name + "/retirement", "alice",
                2 * 1024 * 1024);
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(chunked.header("Content-Type")).startsWith("application/problem+json");

        RawHttp.Answer smallChunked = RawHttp.chunkedPost(port, "/api/v1/models/" + name + "/versions/1/archival",
                "alice", 1000);
        assertThat(smallChunked.status()).as("a chunked body under the limit is read").isEqualTo(200);
        assertThat(as("alice").get("/api/v1/models/" + name).json().path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void oversizedHeadersAndTheErrorPathAnswerProblemJson() {
        byte[] head = ("GET /api/v1/models HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.basic("alice")
                + "X-Padding: " + "p".repeat(10 * 1024) + "\r\nConnection: close\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Answer tooLarge = RawHttp.send(port, head, new byte[0]);
        assertThat(tooLarge.status()).as(tooLarge.toString()).isBetween(400, 499);
        assertThat(tooLarge.header("Content-Type")).as(tooLarge.toString()).startsWith("application/problem+json");
        assertThat(tooLarge.body()).doesNotContain("<html", "Tomcat");

        Api.Response error = anonymous().get("/error");
        assertThat(error.status()).as(error.toString()).isEqualTo(404);
        assertThat(error.header("Content-Type")).startsWith("application/problem+json");
        assertThat(as("alice").get("/error").status()).isEqualTo(404);
    }

    @Test
    void aReplayComparesTheCommandNotTheBytes() {
        String name = modelWithVersion();
        Api keyed = as("alice").header("Idempotency-Key", "replay-" + name);
        Api.Response first = keyed.post(versions(name), Samples.version());
        assertThat(first.status()).isEqualTo(201);

        Map<String, Object> withRegisteredBy = Samples.version();
        withRegisteredBy.put("registeredBy", "mallory");
        Api.Response ignoredField = keyed.post(versions(name), withRegisteredBy);
        assertThat(ignoredField.status()).as(ignoredField.toString()).isEqualTo(201);
        assertThat(ignoredField.header("Idempotent-Replayed")).isEqualTo("true");

        List<String> keys = new java.util.ArrayList<>(Samples.version().keySet());
        java.util.Collections.reverse(keys);
        Map<String, Object> reversedOrder = new java.util.LinkedHashMap<>();
        keys.forEach(key -> reversedOrder.put(key, Samples.version().get(key)));
        String reordered = json(reversedOrder, null).replace(",\"", " ,\n   \"").replace("{", "{ ");
        Api.Response sameCommand = keyed.post(versions(name), reordered);
        assertThat(sameCommand.status()).as(sameCommand.toString()).isEqualTo(201);
        assertThat(sameCommand.json().path("version").asInt()).isEqualTo(2);

        Map<String, Object> other = Samples.version();
        other.put("framework", "xgboost");
        assertThat(keyed.post(versions(name), other).status()).isEqualTo(422);
        assertThat(versionCount(name)).isEqualTo(2);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aCommandOnAMissingModelIsA404WithoutAStackTraceInTheLog(CapturedOutput log) {
        Api.Response missing = as("alice").post("/api/v1/models/" + uniqueName("missing") + "/retirement",
                Map.of("reason", "gone"));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(log.getOut() + log.getErr()).doesNotContain("AggregateNotFoundException")
                .doesNotContain("\tat org.axonframework");
    }

    private String modelWithVersion() {
        String name = uniqueName("strict");
        assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);
        assertThat(as("alice").post(versions(name), Samples.version()).status()).isEqualTo(201);
        return name;
    }

    private int versionCount(String model) {
        return as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt();
    }

    private static String versions(String model) {
        return "/api/v1/models/" + model + "/versions";
    }

    /** {@code body} as JSON text with {@code extra} (e.g. a duplicate or a raw value) added at the end. */
    private static String json(Map<String, Object> body, String extra) {
        String text = Api.JSON.writeValueAsString(body);
        return extra == null ? text : text.substring(0, text.length() - 1) + ", " + extra + "}";
    }

    /** {@code body} as JSON text with {@code field} given as the raw JSON {@code value} instead. */
    private static String json(Map<String, Object> body, String field, String value) {
        Map<String, Object> without = new java.util.LinkedHashMap<>(body);
        without.remove(field);
        return json(without, "\"" + field + "\": " + value);
    }

    private static void assertRefused(Api.Response response, String field, String messagePart) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = null;
        for (JsonNode e : response.json().path("errors")) {
            if (e.path("field").asString().equals(field)) {
                error = e;
            }
        }
        assertThat(error).as("an error naming %s in %s", field, response).isNotNull();
        assertThat(error.path("message").asString()).as(response.toString()).contains(messagePart);
    }
}
