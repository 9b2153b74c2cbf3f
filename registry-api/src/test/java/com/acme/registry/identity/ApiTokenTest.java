package com.acme.registry.identity;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static com.acme.registry.support.ProblemAssertions.assertForbidden;
import static com.acme.registry.support.ProblemAssertions.assertInvalidField;
import static com.acme.registry.support.ProblemAssertions.assertProblem;
import static com.acme.registry.support.ProblemAssertions.assertUnauthenticated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * API tokens of machines: issued once by an ADMIN, stored as a SHA-256 only, usable until revoked or expired. The rules
 * of what a token may hold and whom it acts for: {@link TokenRulesTest}.
 */
class ApiTokenTest extends IntegrationTest {

    private static final String TOKENS = "/api/v1/admin/tokens";

    @Autowired
    ApiTokens apiTokens;

    /** The 201 answer of adam issuing a token, owned by adam (READER) or by alice (ML_ENGINEER). */
    private JsonNode issue(String name, List<String> roles, int validDays) {
        String owner = roles.contains("ML_ENGINEER") ? "alice" : "adam";
        Api.Response issued = as("adam").post(TOKENS, Map.of("name", name, "roles", roles, "validDays", validDays,
                "owner", owner));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        return issued.json();
    }

    private int tokenCount() {
        return jdbc.queryForObject("SELECT count(*) FROM api_token", Integer.class);
    }

    private static String sha256Hex(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void adminIssuesATokenWhoseSecretIsShownOnce() {
        String name = uniqueName("ci-pipeline");
        Instant before = Instant.now();

        Api.Response issued = as("adam").post(TOKENS, Map.of("name", name, "roles", List.of("READER"), "validDays", 30));

        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        JsonNode body = issued.json();
        String secret = body.path("secret").asString();
        assertThat(secret).startsWith("mrt_").hasSize(4 + 43);
        assertThat(body.path("warning").asString()).isNotBlank();
        JsonNode token = body.path("token");
        String id = token.path("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(issued.header("Location")).isEqualTo(TOKENS + "/" + id);
        assertThat(token.path("name").asString()).isEqualTo(name);
        assertThat(token.path("roles").toString()).isEqualTo("[\"READER\"]");
        assertThat(token.path("createdBy").asString()).isEqualTo("adam");
        assertThat(token.path("owner").asString()).as("by default the issuing ADMIN").isEqualTo("adam");
        assertThat(token.path("active").asBoolean()).isTrue();
        assertThat(token.path("revokedAt").isNull()).isTrue();
        assertThat(token.has("secret")).isFalse();
        Instant expiresAt = Instant.parse(token.path("expiresAt").asString());
        assertThat(expiresAt).isCloseTo(before.plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));

        // never shown again
        Api.Response list = as("adam").get(TOKENS);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain(secret.substring(4)).doesNotContain("secret");
        List<String> ids = new ArrayList<>();
        list.json().forEach(t -> ids.add(t.path("id").asString()));
        assertThat(ids).contains(id);
        Api.Response one = as("adam").get(TOKENS + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("name").asString()).isEqualTo(name);
        assertThat(one.body()).doesNotContain(secret.substring(4)).doesNotContain("secret");
        assertThat(as("adam").get(TOKENS + "/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void theDatabaseHoldsOnlyTheSha256OfTheSecret() throws Exception {
        JsonNode issued = issue(uniqueName("hash-check"), List.of("READER"), 30);
        String secret = issued.path("secret").asString();
        UUID id = UUID.fromString(issued.path("token").path("id").asString());

        String storedHash = jdbc.queryForObject("SELECT token_hash FROM api_token WHERE id = ?", String.class, id);
        assertThat(storedHash).isEqualTo(sha256Hex(secret)).matches("[0-9a-f]{64}");

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_token WHERE id = ?", id);
        assertThat(row.values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(secret).doesNotContain(secret.substring(4)));
        Integer rowsWithTheSecret = jdbc.queryForObject(
                "SELECT count(*) FROM api_token t WHERE strpos(t::text, ?) > 0", Integer.class, secret.substring(4));
        assertThat(rowsWithTheSecret).isZero();
    }

    @Test
    void aReaderTokenReadsTheCatalogAndIsNamedAfterTheToken() {
        String name = uniqueName("serving");
        String secret = issue(name, List.of("READER"), 30).path("secret").asString();
        Api machine = withToken(secret);

        Api.Response models = machine.get("/api/v1/models");
        assertThat(models.status()).as("%s", models).isEqualTo(200);
        assertThat(models.json().path("totalItems").asLong()).isPositive();
        Api.Response model = machine.get("/api/v1/models/bnpl-credit-risk/versions/1");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.json().path("modelName").asString()).isEqualTo("bnpl-credit-risk");

        Api.Response me = machine.get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("name").asString()).isEqualTo("token:" + name);
        assertThat(me.json().path("roles").toString()).isEqualTo("[\"READER\"]");
        assertThat(me.json().path("actingFor").asString()).isEqualTo("adam");

        // the scheme name is case-insensitive (RFC 9110)
        Api.Response lowerCase = Api.anonymous(port).header("Authorization", "bearer " + secret).get("/api/v1/me");
        assertThat(lowerCase.status()).isEqualTo(200);
        assertThat(lowerCase.json().path("name").asString()).isEqualTo("token:" + name);
    }

    @Test
    void aReaderTokenCannotWrite() {
        Api machine = withToken(issue(uniqueName("reader"), List.of("READER"), 30).path("secret").asString());
        String model = uniqueName("reader-refused");
        int versionsBefore = as("alice").get("/api/v1/models/bnpl-fraud-screen").json().path("versionCount").asInt();

        assertForbidden(machine.post("/api/v1/models", Samples.model(model)), "POST", "/api/v1/models");
        assertForbidden(machine.post("/api/v1/models/bnpl-fraud-screen/versions", Samples.version()),
                "POST", "/api/v1/models/bnpl-fraud-screen/versions");
        assertForbidden(machine.get(TOKENS), "GET", TOKENS);

        assertThat(as("alice").get("/api/v1/models/" + model).status()).isEqualTo(404);
        assertThat(as("alice").get("/api/v1/models/bnpl-fraud-screen").json().path("versionCount").asInt())
                .isEqualTo(versionsBefore);
    }

    @Test
    void anMlEngineerTokenRegistersVersionsInItsOwnName() {
        String model = uniqueName("pipeline-model");
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        String name = uniqueName("training-pipeline");
        Api pipeline = withToken(issue(name, List.of("ML_ENGINEER"), 7).path("secret").asString());

        Api.Response registered = pipeline.post("/api/v1/models/" + model + "/versions", Samples.version(0.9));

        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertThat(registered.json().path("version").asInt()).isEqualTo(1);
        assertThat(registered.json().path("registeredBy").asString()).isEqualTo("token:" + name);
        JsonNode stored = as("rita").get("/api/v1/models/" + model + "/versions/1").json();
        assertThat(stored.path("registeredBy").asString()).isEqualTo("token:" + name);
        assertThat(as("rita").get("/api/v1/models/" + model).json().path("versionCount").asInt()).isEqualTo(1);
    }

    @Test
    void aRevokedTokenIsRefusedAndCannotBeRevokedTwice() {
        JsonNode issued = issue(uniqueName("revoked"), List.of("READER"), 30);
        String secret = issued.path("secret").asString();
        String id = issued.path("token").path("id").asString();
        assertThat(withToken(secret).get("/api/v1/models").status()).isEqualTo(200);

        Api.Response revoked = as("adam").post(TOKENS + "/" + id + "/revocation", null);

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(200);
        assertThat(revoked.json().path("active").asBoolean()).isFalse();
        assertThat(revoked.json().path("revokedBy").asString()).isEqualTo("adam");
        assertThat(revoked.json().path("revokedAt").isNull()).isFalse();
        assertUnauthenticated(withToken(secret).get("/api/v1/models"));
        assertUnauthenticated(withToken(secret).get("/api/v1/me"));
        assertThat(as("adam").get(TOKENS + "/" + id).json().path("active").asBoolean()).isFalse();

        Api.Response again = as("adam").post(TOKENS + "/" + id + "/revocation", null);
        JsonNode problem = assertProblem(again, 409, "token-revoked");
        assertThat(problem.path("rule").asString()).isEqualTo("token-revoked");
        assertThat(problem.path("detail").asString()).contains(id);
        assertThat(jdbc.queryForObject("SELECT revoked_by FROM api_token WHERE id = ?::uuid", String.class, id))
                .isEqualTo("adam");

        assertProblem(as("adam").post(TOKENS + "/" + UUID.randomUUID() + "/revocation", null), 404, "not-found");
    }

    static Stream<Arguments> badBearers() {
        return Stream.of(
                Arguments.of("unknown", "mrt_" + "A".repeat(43)),
                Arguments.of("no prefix", "not-a-token"),
                Arguments.of("only the prefix", "mrt_"),
                Arguments.of("too long", "mrt_" + "x".repeat(200)),
                Arguments.of("a Basic credential", "YWxpY2U6ZGVtbw=="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBearers")
    void anUnknownOrMalformedTokenIsUnauthenticated(String what, String bearer) {
        assertUnauthenticated(withToken(bearer).get("/api/v1/models"));
        assertUnauthenticated(withToken(bearer).get("/api/v1/me"));
    }

    @Test
    void anExpiredTokenIsUnauthenticated() {
        String name = uniqueName("expired");
        ApiTokens.IssuedToken expired = apiTokens.issue(name, Set.of(Role.READER), "adam",
                Instant.now().minus(Duration.ofMinutes(1)), "adam");
        ApiTokens.IssuedToken valid = apiTokens.issue(uniqueName("valid"), Set.of(Role.READER), "adam",
                Instant.now().plus(Duration.ofMinutes(5)), "adam");

        assertUnauthenticated(withToken(expired.secret()).get("/api/v1/models"));
        assertThat(withToken(valid.secret()).get("/api/v1/models").status()).as("control").isEqualTo(200);
        JsonNode shown = as("adam").get(TOKENS + "/" + expired.token().id()).json();
        assertThat(shown.path("name").asString()).isEqualTo(name);
        assertThat(shown.path("active").asBoolean()).isFalse();
    }

    static Stream<Arguments> badTokenRequests() {
        return Stream.of(
                Arguments.of("missing name", without("name"), "name"),
                Arguments.of("blank name", with("name", "  "), "name"),
                Arguments.of("name longer than 64", with("name", "n".repeat(65)), "name"),
                Arguments.of("upper-case name", with("name", "CI-Pipeline"), "name"),
                Arguments.of("name with a colon", with("name", "ci:alice"), "name"),
                Arguments.of("name with a space", with("name", "ci pipeline"), "name"),
                Arguments.of("name starting with a dot", with("name", ".hidden"), "name"),
                Arguments.of("unknown owner", with("owner", "nobody-here"), "owner"),
                Arguments.of("owner not a text", with("owner", 42), "owner"),
                Arguments.of("owner lacks ML_ENGINEER", with("roles", List.of("ML_ENGINEER")), "roles"),
                Arguments.of("no roles", with("roles", List.of()), "roles"),
                Arguments.of("missing roles", without("roles"), "roles"),
                Arguments.of("unknown role GOD", with("roles", List.of("GOD")), "roles"),
                Arguments.of("validDays 0", with("validDays", 0), "validDays"),
                Arguments.of("validDays 1000", with("validDays", 1000), "validDays"),
                Arguments.of("validDays not a number", with("validDays", "soon"), "validDays"));
    }

    private static Map<String, Object> validTokenRequest() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", uniqueName("bad-input"));
        body.put("roles", List.of("READER"));
        body.put("validDays", 30);
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = validTokenRequest();
        body.put(field, value);
        return body;
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = validTokenRequest();
        body.remove(field);
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokenRequests")
    void badInputIsRefusedNamingTheField(String what, Map<String, Object> body, String field) {
        int before = tokenCount();

        Api.Response response = as("adam").post(TOKENS, body);

        assertInvalidField(response, field);
        assertThat(response.body()).doesNotContain("mrt_");
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void aValidRequestWithTheSameShapeIsAccepted() {
        // the control of badInputIsRefusedNamingTheField: the base body is valid, and validDays is optional
        assertThat(as("adam").post(TOKENS, validTokenRequest()).status()).isEqualTo(201);
        Map<String, Object> noDays = without("validDays");
        JsonNode issued = as("adam").post(TOKENS, noDays).json();
        assertThat(Instant.parse(issued.path("token").path("expiresAt").asString()))
                .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(Duration.ofMinutes(1)));
        assertThat(as("adam").post(TOKENS, with("validDays", 366)).status()).isEqualTo(201);
        assertThat(as("adam").post(TOKENS, with("validDays", 1)).status()).isEqualTo(201);
    }

    @Test
    void onlyAnAdminIssuesTokens() {
        int before = tokenCount();

        for (String user : List.of("alice", "rita", "carla")) {
            assertForbidden(as(user).post(TOKENS, validTokenRequest()), "POST", TOKENS);
        }
        String readerSecret = issue(uniqueName("no-escalation"), List.of("READER"), 1).path("secret").asString();
        assertForbidden(withToken(readerSecret).post(TOKENS, validTokenRequest()), "POST", TOKENS);

        assertThat(tokenCount()).isEqualTo(before + 1);
    }

    @Test
    void aTokenWithTheLongestAllowedNameCanActAndIsRecordedAsTheActor() {
        String name = uniqueName("n".repeat(55));
        assertThat(name).hasSize(64);
        Api pipeline = withToken(issue(name, List.of("ML_ENGINEER"), 1).path("secret").asString());
        String model = uniqueName("long-name");

        assertThat(pipeline.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        Api.Response registered = pipeline.post("/api/v1/models/" + model + "/versions", Samples.version());

        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertThat(registered.json().path("registeredBy").asString()).isEqualTo("token:" + name);
    }
}
