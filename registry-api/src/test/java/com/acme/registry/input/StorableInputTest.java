package com.acme.registry.input;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A value a read model could not store never becomes an event: a NUL (or another control character, or an
 * unpaired surrogate) in any free-text field of any write endpoint is a 400 naming the field, and the event
 * store stays as it was.
 */
class StorableInputTest extends IntegrationTest {

    private static final String NUL = "a\u0000b";
    private static String model;

    @BeforeEach
    void oneModelWithAVersion() {
        if (model == null) {
            String name = uniqueName("storable");
            assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);
            assertThat(as("alice").post("/api/v1/models/" + name + "/versions", Samples.version()).status())
                    .isEqualTo(201);
            model = name;
        }
    }

    record Case(String user, String path, Map<String, Object> body, String field) {
        @Override
        public String toString() {
            return field + " of " + path.replace("{m}", "m");
        }
    }

    static Stream<Arguments> nulInEachFreeTextField() {
        List<Case> cases = new ArrayList<>();
        for (String field : List.of("name", "description", "ownerTeam", "intendedUse", "useRestrictions")) {
            cases.add(new Case("alice", "/api/v1/models", with(Samples.model("nul-model"), b -> b.put(field, NUL)), field));
        }
        cases.add(new Case("alice", "/api/v1/models", with(Samples.model("nul-model"),
                b -> b.put("tags", Map.of("do\u0000main", "bnpl"))), "tags"));
        cases.add(new Case("alice", "/api/v1/models", with(Samples.model("nul-model"),
                b -> b.put("tags", Map.of("domain", NUL))), "tags.domain"));

        String versions = "/api/v1/models/{m}/versions";
        for (String field : List.of("artifactUri", "artifactDigest", "framework", "description")) {
            cases.add(new Case("alice", versions, with(Samples.version(), b -> b.put(field, NUL)), field));
        }
        cases.add(version("signature.inputs[0].name", b -> b.put("signature", Map.of(
                "inputs", List.of(Map.of("name", NUL, "type", "double")), "outputs", List.of()))));
        cases.add(version("signature.outputs[0].type", b -> b.put("signature", Map.of(
                "inputs", List.of(), "outputs", List.of(Map.of("name", "pd", "type", NUL))))));
        cases.add(version("metrics", b -> b.put("metrics", Map.of("a\u0000uc", 0.8))));
        cases.add(version("params", b -> b.put("params", Map.of("max\u0000depth", "6"))));
        cases.add(version("params.max_depth", b -> b.put("params", Map.of("max_depth", NUL))));
        cases.add(version("trainingRun.id", b -> b.put("trainingRun", Map.of("id", NUL))));
        cases.add(version("trainingRun.uri", b -> b.put("trainingRun", Map.of("id", "r", "uri", "https://h/" + NUL))));
        cases.add(version("source.repository", b -> b.put("source", Map.of("repository", NUL))));
        cases.add(version("source.commit", b -> b.put("source", Map.of("repository", "r", "commit", "3f2c1a9\u0000"))));
        for (String field : List.of("name", "version", "uri", "digest", "role")) {
            Map<String, Object> dataset = new LinkedHashMap<>(Map.of("name", "applications", "version", "2026-11-01",
                    "uri", "s3://data/applications", "digest", Samples.DIGEST, "role", "training"));
            dataset.put(field, field.equals("role") ? "training\u0000" : NUL);
            cases.add(version("datasets[0]." + field, b -> b.put("datasets", List.of(dataset))));
        }
        cases.add(version("features[1]", b -> b.put("features", List.of("income", NUL))));
        cases.add(version("tags", b -> b.put("tags", Map.of("te\u0000am", "x"))));
        cases.add(version("tags.team", b -> b.put("tags", Map.of("team", NUL))));

        cases.add(new Case("alice", "/api/v1/models/{m}/retirement", Map.of("reason", NUL), "reason"));
        cases.add(new Case("alice", "/api/v1/models/{m}/versions/1/archival", Map.of("reason", NUL), "reason"));
        Map<String, Object> promotion = Map.of("version", 1, "environment", "production", "justification", "ok",
                "validationReportUri", "https://wiki/report");
        for (String field : List.of("justification", "validationReportUri", "environment")) {
            cases.add(new Case("alice", "/api/v1/models/{m}/promotions", with(promotion, b -> b.put(field, NUL)), field));
        }
        cases.add(new Case("rita", "/api/v1/models/{m}/promotions/1/approvals", Map.of("comment", NUL), "comment"));
        cases.add(new Case("rita", "/api/v1/models/{m}/promotions/1/rejection", Map.of("reason", NUL), "reason"));
        cases.add(new Case("alice", "/api/v1/models/{m}/environments/production/rollout/abort",
                Map.of("reason", NUL), "reason"));
        cases.add(new Case("alice", "/api/v1/models/{m}/environments/production/rollback",
                Map.of("reason", NUL), "reason"));
        cases.add(new Case("rita", "/api/v1/models/{m}/rollbacks/1/acknowledgement", Map.of("comment", NUL), "comment"));
        cases.add(new Case("adam", "/api/v1/admin/tokens", Map.of("name", NUL, "roles", List.of("READER")), "name"));
        cases.add(new Case("adam", "/api/v1/admin/users",
                Map.of("username", NUL, "password", "long-enough-1", "roles", List.of("READER")), "username"));
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void nulInEachFreeTextField(Case c) {
        long events = events();

        Api.Response refused = as(c.user()).post(c.path().replace("{m}", model), c.body());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(refused)).as(refused.toString()).contains(c.field());
        assertThat(events()).as("no event stored").isEqualTo(events);
    }

    @Test
    void controlCharactersSurrogatesAndLineBreaksFollowTheTextRule() {
        String versions = "/api/v1/models/" + model + "/versions";
        // as JSON escapes, so that no client encoder replaces the unpaired surrogates before they are sent
        for (String bad : List.of("\\u0007", "\\u001b[31m", "\\u007f", "\\u0085", "\\ud800", "x\\udc00",
                "\\udc00\\ud800")) {
            String body = Api.JSON.writeValueAsString(with(Samples.version(), b -> b.put("framework", "FRAMEWORK")))
                    .replace("FRAMEWORK", bad);
            Api.Response refused = as("alice").post(versions, body);
            assertThat(refused.status()).as("framework %s: %s", bad, refused).isEqualTo(400);
            assertThat(fields(refused)).containsExactly("framework");
        }
        // single-line fields take no line break; multi-line free text does, with tabs
        Api.Response newline = as("alice").post(versions, with(Samples.version(), b -> {
            b.put("framework", "onnx\n");
            b.put("description", "Monthly retrain.\r\n\tSecond line.");
        }));
        assertThat(newline.status()).as(newline.toString()).isEqualTo(400);
        assertThat(fields(newline)).containsExactly("framework");

        Api.Response multiLine = as("alice").post(versions,
                with(Samples.version(), b -> b.put("description", "Monthly retrain.\r\n\tSecond line. 😀")));
        assertThat(multiLine.status()).as(multiLine.toString()).isEqualTo(201);
        assertThat(multiLine.json().path("description").asString()).isEqualTo("Monthly retrain.\r\n\tSecond line. 😀");
    }

    @Test
    void multiByteTextAtTheLimitIsStoredAndOneMoreCharacterIsRefused() {
        String emoji = "😀"; // 4 bytes in UTF-8, 2 UTF-16 units, 1 character for varchar(200)
        Map<String, Object> atLimit = Samples.model(uniqueName("emoji"));
        atLimit.put("ownerTeam", emoji.repeat(200)); // an indexed varchar(200) column: 800 bytes
        Api.Response stored = as("alice").post("/api/v1/models", atLimit);
        assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
        assertThat(stored.json().path("ownerTeam").asString()).isEqualTo(emoji.repeat(200));

        Map<String, Object> over = Samples.model(uniqueName("emoji"));
        over.put("ownerTeam", emoji.repeat(201));
        Api.Response refused = as("alice").post("/api/v1/models", over);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(fields(refused)).containsExactly("ownerTeam");
        assertThat(refused.json().path("detail").asString()).contains("at most 200 characters (has 201)");
    }

    @Test
    void pathVariablesAndQueryParametersAreCheckedBeforeAnyQuery() {
        long events = events();
        // Tomcat itself refuses a NUL in the path; the answer is problem+json all the same
        Api.Response nul = as("alice").post("/api/v1/models/a%00b/versions", Samples.version());
        assertThat(nul.status()).as(nul.toString()).isEqualTo(400);
        assertThat(nul.header("Content-Type")).as(nul.toString()).startsWith("application/problem+json");

        // Spring Security's firewall refuses line breaks in the URL; that answer is problem+json too
        Api.Response lineBreak = as("alice").post("/api/v1/models/a%0Ab/versions", Samples.version());
        assertThat(lineBreak.status()).as(lineBreak.toString()).isEqualTo(400);
        assertThat(lineBreak.header("Content-Type")).startsWith("application/problem+json");

        for (String control : List.of("%01", "%1B", "%7F", "%C2%85")) {
            Api.Response path = as("alice").post("/api/v1/models/a" + control + "b/versions", Samples.version());
            assertThat(path.status()).as(path.toString()).isEqualTo(400);
            assertThat(fields(path)).as(path.toString()).containsExactly("name");
        }
        Api.Response retire = as("alice").post("/api/v1/models/a%01b/retirement", Map.of("reason", "x"));
        assertThat(retire.status()).as(retire.toString()).isEqualTo(400);
        assertThat(fields(retire)).as(retire.toString()).containsExactly("name");
        Api.Response surrogate = as("alice").post("/api/v1/models/a%ED%A0%80b/retirement", Map.of("reason", "x"));
        assertThat(surrogate.status()).as(surrogate.toString()).isBetween(400, 404);
        assertThat(events()).isEqualTo(events);

        Api.Response query = as("alice").get("/api/v1/models?namePrefix=a%00b");
        assertThat(query.status()).as(query.toString()).isEqualTo(400);
        assertThat(fields(query)).as(query.toString()).containsExactly("namePrefix");

        Api.Response user = as("adam").get("/api/v1/admin/users/a%01b");
        assertThat(user.status()).as(user.toString()).isEqualTo(400);
        assertThat(fields(user)).as(user.toString()).containsExactly("username");
    }

    @Test
    void anIdempotencyKeyIsBoundedAndHasNoControlCharacters() {
        String versions = "/api/v1/models/" + model + "/versions";
        Api.Response tooLong = as("alice").header("Idempotency-Key", "k".repeat(201)).post(versions, Samples.version());
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(fields(tooLong)).containsExactly("Idempotency-Key");

        // java.net.http refuses control characters in headers; a raw request sends one (U+0085, a C1 control)
        byte[] head = ("POST " + versions + " HTTP/1.1\r\nHost: localhost\r\n" + RawHttp.basic("alice")
                + "Content-Type: application/json\r\nConnection: close\r\nContent-Length: 2\r\nIdempotency-Key: k")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] withControl = java.util.Arrays.copyOf(head, head.length + 3);
        withControl[head.length] = (byte) 0x85;
        withControl[head.length + 1] = '\r';
        withControl[head.length + 2] = '\n';
        long events = events();
        RawHttp.Answer refused = RawHttp.send(port, withControl, "{}".getBytes());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.body()).contains("Idempotency-Key");
        assertThat(events()).isEqualTo(events);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static Case version(String field, Consumer<Map<String, Object>> change) {
        return new Case("alice", "/api/v1/models/{m}/versions", with(Samples.version(), change), field);
    }

    private static Map<String, Object> with(Map<String, Object> body, Consumer<Map<String, Object>> change) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        change.accept(copy);
        return copy;
    }

    static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        for (JsonNode error : response.json().path("errors")) {
            fields.add(error.path("field").asString());
        }
        return fields;
    }
}
