package com.acme.registry.browser;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser holding a signed-in user's credentials sends another site's form or fetch to the API: the request is
 * refused and changes nothing; clients outside a browser (no Origin, no Sec-Fetch-Site) keep working.
 */
class CrossSiteRequestTest extends IntegrationTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    private String model;
    private String completion;

    /** A model whose v1 runs at 10 % in staging. */
    @BeforeEach
    void rolloutInProgress() {
        model = uniqueName("cross-site");
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions", Samples.version()).status()).isEqualTo(201);
        Api.Response rollout = as("alice").post("/api/v1/models/" + model + "/environments/staging/rollout",
                Map.of("version", 1, "trafficPercent", 10));
        assertThat(rollout.status()).as("%s", rollout).isEqualTo(201);
        completion = "/api/v1/models/" + model + "/environments/staging/rollout/completion";
    }

    @Test
    void anotherSitesEmptyFormCannotCompleteARollout() {
        String requestId = UUID.randomUUID().toString();

        Api.Response response = as("alice").header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site").header("Content-Type", FORM)
                .header("X-Request-Id", requestId).post(completion, null);

        JsonNode problem = assertCrossSite(response);
        assertThat(problem.path("instance").asString()).isEqualTo(completion);
        assertStillRollingOut();
        Map<String, Object> record = jdbc.queryForMap(
                "SELECT actor, details FROM audit_record WHERE correlation_id = ? AND action = 'CrossSiteRequestRefused'",
                requestId);
        assertThat(record.get("actor")).isEqualTo("alice");
        JsonNode details = Api.JSON.readTree((String) record.get("details"));
        assertThat(details.path("origin").asString()).isEqualTo("https://evil.example");
        assertThat(details.path("secFetchSite").asString()).isEqualTo("cross-site");
        assertThat(details.path("status").asInt()).isEqualTo(403);
        assertThat(details.path("path").asString()).isEqualTo(completion);
    }

    static Stream<Arguments> browserSignalsOfAnotherSite() {
        return Stream.of(
                Arguments.of("an Origin of another site", Map.of("Origin", "https://evil.example")),
                Arguments.of("an opaque Origin (sandboxed frame, data: URL)", Map.of("Origin", "null")),
                Arguments.of("another port of the same host", Map.of("Origin", "http://localhost:1")),
                Arguments.of("Sec-Fetch-Site cross-site", Map.of("Sec-Fetch-Site", "cross-site")),
                Arguments.of("Sec-Fetch-Site same-site (a sibling sub-domain)", Map.of("Sec-Fetch-Site", "same-site")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("browserSignalsOfAnotherSite")
    void aBrowsersSignalOfAnotherSiteIsRefusedEvenWithJson(String signal, Map<String, String> headers) {
        String token = readerToken();

        assertCrossSite(from(as("adam"), headers).post("/api/v1/admin/tokens/" + token + "/revocation", Map.of()));
        assertCrossSite(from(as("alice"), headers).post("/api/v1/models/" + model
                + "/environments/staging/rollout/traffic", Map.of("trafficPercent", 50)));

        assertThat(as("adam").get("/api/v1/admin/tokens/" + token).json().path("active").asBoolean()).isTrue();
        assertStillRollingOut();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {FORM, "multipart/form-data; boundary=x", "text/plain;charset=UTF-8", "TEXT/PLAIN"})
    void aFormContentTypeIsUnsupportedEvenWithoutOriginHeaders(String contentType) {
        Api.Response response = as("alice").header("Content-Type", contentType).post(completion, null);

        assertThat(response.status()).as("%s", response).isEqualTo(415);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        String mediaType = contentType.split(";")[0].toLowerCase();
        assertThat(response.json().path("detail").asString()).contains(mediaType).contains("application/json");
        assertThat(response.json().path("type").asString())
                .isEqualTo("urn:model-registry:problem:unsupported-media-type");
        String token = readerToken();
        assertThat(as("adam").header("Content-Type", contentType)
                .post("/api/v1/admin/tokens/" + token + "/revocation", null).status()).isEqualTo(415);
        assertThat(as("adam").get("/api/v1/admin/tokens/" + token).json().path("active").asBoolean()).isTrue();
        assertStillRollingOut();
    }

    @Test
    void theRegistrysOwnOriginAndClientsOutsideABrowserAreServed() {
        String own = "http://localhost:" + port;
        Api.Response traffic = as("alice").header("Origin", own).header("Sec-Fetch-Site", "same-origin")
                .post("/api/v1/models/" + model + "/environments/staging/rollout/traffic", Map.of("trafficPercent", 50));
        assertThat(traffic.status()).as("%s", traffic).isEqualTo(200);
        assertThat(traffic.json().path("candidate").path("trafficPercent").asInt()).isEqualTo(50);

        Api.Response typedInTheAddressBar = as("alice").header("Sec-Fetch-Site", "none")
                .post("/api/v1/models/" + model + "/environments/staging/rollout/traffic", Map.of("trafficPercent", 60));
        assertThat(typedInTheAddressBar.status()).as("%s", typedInTheAddressBar).isEqualTo(200);

        Api.Response curl = as("alice").post(completion, null); // like curl -X POST: no Origin, no body
        assertThat(curl.status()).as("%s", curl).isEqualTo(200);
        assertThat(curl.json().path("champion").path("version").asInt()).isEqualTo(1);
    }

    @Test
    void readsFromAnotherSiteAreNotAffected() {
        Api.Response read = as("alice").header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .get("/api/v1/models/" + model);
        assertThat(read.status()).as("%s", read).isEqualTo(200);
    }

    @Test
    void noBasicChallengeIsEverSent() {
        for (Api caller : List.of(anonymous(), Api.basic(port, "alice", "wrong"), withToken("mrt_unknown"))) {
            Api.Response response = caller.post(completion, null);
            assertThat(response.status()).as("%s", response).isEqualTo(401);
            assertThat(response.raw().headers().allValues("WWW-Authenticate"))
                    .containsExactly("Bearer realm=\"model-registry\"");
        }
        Api.Response docs = anonymous().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(401);
        assertThat(docs.raw().headers().allValues("WWW-Authenticate")).noneMatch(v -> v.contains("Basic"));
    }

    @Test
    void swaggerUiStillOffersBasicAndBearerThroughItsAuthorizeButton() {
        JsonNode schemes = as("alice").get("/v3/api-docs").json().path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("token").path("scheme").asString()).isEqualTo("bearer");
    }

    private static Api from(Api caller, Map<String, String> headers) {
        Api api = caller;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            api = api.header(header.getKey(), header.getValue());
        }
        return api;
    }

    private JsonNode assertCrossSite(Api.Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asString()).isEqualTo("urn:model-registry:problem:cross-site-request");
        assertThat(problem.path("rule").asString()).isEqualTo("cross-site-request");
        return problem;
    }

    private void assertStillRollingOut() {
        JsonNode staging = as("alice").get("/api/v1/models/" + model + "/environments/staging").json();
        assertThat(staging.path("candidate").path("version").asInt()).isEqualTo(1);
        assertThat(staging.path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
    }

    private String readerToken() {
        Api.Response token = as("adam").post("/api/v1/admin/tokens",
                Map.of("name", uniqueName("cross-site"), "roles", List.of("READER"), "validDays", 30));
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        return token.json().path("token").path("id").asString();
    }
}
