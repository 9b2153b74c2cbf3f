package com.acme.registry.security;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.acme.registry.security.ProblemAssertions.assertForbidden;
import static com.acme.registry.security.ProblemAssertions.assertUnauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API against every kind of caller: nobody, a wrong password, each role that must be
 * refused, and each role that must be served. A refused request must change nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixTest extends IntegrationTest {

    /** Who may call an endpoint. */
    enum Access {
        /** catalog reads: every signed-in role */
        CATALOG_READ,
        /** catalog writes: ML_ENGINEER only */
        CATALOG_WRITE,
        /** /api/v1/admin/** and /actuator/metrics: ADMIN only */
        ADMIN,
        /** /api/v1/me and the OpenAPI document: anyone signed in */
        SIGNED_IN
    }

    /** Resources that exist while a request is made; write admissions get fresh ones. */
    record Fixture(String model, int version, String user, String token) {
    }

    record Endpoint(String method, String template, Access access, int okStatus,
                    Function<Fixture, Object> body, BiConsumer<Api.Response, Fixture> check) {

        String path(Fixture f) {
            return template.replace("{model}", f.model()).replace("{version}", String.valueOf(f.version()))
                    .replace("{user}", f.user()).replace("{token}", f.token());
        }

        Api.Response call(Api api, Fixture f) {
            return api.send(method, path(f), body == null ? null : body.apply(f));
        }

        boolean isWrite() {
            return !"GET".equals(method);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final List<String> SIGNED_IN_ROLES = List.of("alice", "rita", "carla", "adam");
    private static final Map<String, String> ROLE_OF = Map.of("alice", "ML_ENGINEER", "bob", "ML_ENGINEER",
            "rita", "RISK_REVIEWER", "ravi", "RISK_REVIEWER", "carla", "COMPLIANCE", "adam", "ADMIN");
    private static final String NEW_PASSWORD = "changed-by-matrix-1";

    private static final List<Endpoint> ENDPOINTS = List.of(
            // catalog reads
            new Endpoint("GET", "/api/v1/models", Access.CATALOG_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("items").isArray()).isTrue();
                assertThat(r.json().path("totalItems").asLong()).isPositive();
            }),
            new Endpoint("GET", "/api/v1/models/{model}", Access.CATALOG_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("name").asString()).isEqualTo(f.model());
                assertThat(r.json().path("versionCount").asInt()).isEqualTo(1);
            }),
            new Endpoint("GET", "/api/v1/models/{model}/versions", Access.CATALOG_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asLong()).isEqualTo(1);
                assertThat(r.json().path("items").get(0).path("modelName").asString()).isEqualTo(f.model());
            }),
            new Endpoint("GET", "/api/v1/models/{model}/versions/{version}", Access.CATALOG_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("modelName").asString()).isEqualTo(f.model());
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version());
            }),
            // catalog writes
            new Endpoint("POST", "/api/v1/models", Access.CATALOG_WRITE, 201,
                    f -> Samples.model(uniqueName("matrix-new")), (r, f) -> {
                assertThat(r.json().path("name").asString()).startsWith("matrix-new-");
                assertThat(r.json().path("registeredBy").asString()).isEqualTo("alice");
                assertThat(r.json().path("status").asString()).isEqualTo("ACTIVE");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/retirement", Access.CATALOG_WRITE, 200,
                    f -> Map.of("reason", "Superseded by the matrix"), (r, f) -> {
                assertThat(r.json().path("name").asString()).isEqualTo(f.model());
                assertThat(r.json().path("status").asString()).isEqualTo("RETIRED");
                assertThat(r.json().path("retirementReason").asString()).isEqualTo("Superseded by the matrix");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/versions", Access.CATALOG_WRITE, 201,
                    f -> Samples.version(), (r, f) -> {
                assertThat(r.json().path("modelName").asString()).isEqualTo(f.model());
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version() + 1);
                assertThat(r.json().path("registeredBy").asString()).isEqualTo("alice");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/versions/{version}/archival", Access.CATALOG_WRITE, 200,
                    f -> Map.of("reason", "Archived by the matrix"), (r, f) -> {
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version());
                assertThat(r.json().path("status").asString()).isEqualTo("ARCHIVED");
                assertThat(r.json().path("archiveReason").asString()).isEqualTo("Archived by the matrix");
            }),
            // identity and documentation
            new Endpoint("GET", "/api/v1/me", Access.SIGNED_IN, 200, null, (r, f) -> {
                String name = r.json().path("name").asString();
                assertThat(name).isIn(SIGNED_IN_ROLES);
                List<String> roles = new ArrayList<>();
                r.json().path("roles").forEach(role -> roles.add(role.asString()));
                // exactly the roles: see meListsTheRolesAndNothingElse (disabled, bug)
                assertThat(roles).as("roles of %s", name).contains(ROLE_OF.get(name));
            }),
            new Endpoint("GET", "/v3/api-docs", Access.SIGNED_IN, 200, null, (r, f) -> {
                assertThat(r.json().path("openapi").asString()).startsWith("3.");
                assertThat(r.json().path("paths").has("/api/v1/models/{name}/versions")).isTrue();
            }),
            // administration: users
            new Endpoint("POST", "/api/v1/admin/users", Access.ADMIN, 201,
                    f -> Map.of("username", "matrix-" + UUID.randomUUID().toString().substring(0, 8),
                            "password", "intruder-pass-1", "roles", List.of("ADMIN")), (r, f) -> {
                assertThat(r.json().path("username").asString()).startsWith("matrix-");
                assertThat(r.json().path("createdBy").asString()).isEqualTo("adam");
            }),
            new Endpoint("GET", "/api/v1/admin/users", Access.ADMIN, 200, null, (r, f) -> {
                List<String> names = new ArrayList<>();
                r.json().forEach(u -> names.add(u.path("username").asString()));
                assertThat(names).contains("adam", f.user());
            }),
            new Endpoint("GET", "/api/v1/admin/users/{user}", Access.ADMIN, 200, null, (r, f) -> {
                assertThat(r.json().path("username").asString()).isEqualTo(f.user());
                assertThat(r.json().has("passwordHash")).isFalse();
            }),
            new Endpoint("PUT", "/api/v1/admin/users/{user}/roles", Access.ADMIN, 200,
                    f -> Map.of("roles", List.of("ADMIN")), (r, f) -> {
                assertThat(r.json().path("username").asString()).isEqualTo(f.user());
                assertThat(r.json().path("roles").toString()).isEqualTo("[\"ADMIN\"]");
            }),
            new Endpoint("PUT", "/api/v1/admin/users/{user}/password", Access.ADMIN, 204,
                    f -> Map.of("password", NEW_PASSWORD), (r, f) -> {
                assertThat(r.body()).isEmpty();
            }),
            new Endpoint("PUT", "/api/v1/admin/users/{user}/enabled", Access.ADMIN, 200,
                    f -> Map.of("enabled", false), (r, f) -> {
                assertThat(r.json().path("username").asString()).isEqualTo(f.user());
                assertThat(r.json().path("enabled").asBoolean()).isFalse();
            }),
            // administration: API tokens
            new Endpoint("POST", "/api/v1/admin/tokens", Access.ADMIN, 201,
                    f -> Map.of("name", uniqueName("matrix-token"), "roles", List.of("ADMIN"), "validDays", 30),
                    (r, f) -> {
                assertThat(r.json().path("secret").asString()).startsWith("mrt_");
                assertThat(r.json().path("token").path("createdBy").asString()).isEqualTo("adam");
            }),
            new Endpoint("GET", "/api/v1/admin/tokens", Access.ADMIN, 200, null, (r, f) -> {
                List<String> ids = new ArrayList<>();
                r.json().forEach(t -> ids.add(t.path("id").asString()));
                assertThat(ids).contains(f.token());
            }),
            new Endpoint("GET", "/api/v1/admin/tokens/{token}", Access.ADMIN, 200, null, (r, f) -> {
                assertThat(r.json().path("id").asString()).isEqualTo(f.token());
                assertThat(r.json().path("active").asBoolean()).isTrue();
            }),
            new Endpoint("POST", "/api/v1/admin/tokens/{token}/revocation", Access.ADMIN, 200, null, (r, f) -> {
                assertThat(r.json().path("id").asString()).isEqualTo(f.token());
                assertThat(r.json().path("active").asBoolean()).isFalse();
                assertThat(r.json().path("revokedBy").asString()).isEqualTo("adam");
            }),
            // operations
            new Endpoint("GET", "/actuator/metrics", Access.ADMIN, 200, null, (r, f) -> {
                List<String> names = new ArrayList<>();
                r.json().path("names").forEach(n -> names.add(n.asString()));
                assertThat(names).contains("jvm.memory.used");
            }));

    private Fixture shared;

    @BeforeAll
    void createSharedResources() {
        shared = createFixture("matrix");
    }

    /** A model with one version (by alice), a RISK_REVIEWER user and an API token (by adam). */
    private Fixture createFixture(String prefix) {
        String model = uniqueName(prefix);
        Api.Response created = as("alice").post("/api/v1/models", Samples.model(model));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Api.Response version = as("alice").post("/api/v1/models/" + model + "/versions", Samples.version());
        assertThat(version.status()).as("%s", version).isEqualTo(201);
        String user = prefix + "-user-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response newUser = as("adam").post("/api/v1/admin/users",
                Map.of("username", user, "password", "initial-pass-1", "roles", List.of("RISK_REVIEWER")));
        assertThat(newUser.status()).as("%s", newUser).isEqualTo(201);
        Api.Response token = as("adam").post("/api/v1/admin/tokens",
                Map.of("name", prefix + "-token", "roles", List.of("READER"), "validDays", 30));
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        return new Fixture(model, version.json().path("version").asInt(), user,
                token.json().path("token").path("id").asString());
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static List<String> refusedUsers(Access access) {
        return switch (access) {
            case CATALOG_WRITE -> List.of("rita", "carla", "adam");
            case ADMIN -> List.of("alice", "rita", "carla");
            case CATALOG_READ, SIGNED_IN -> List.of();
        };
    }

    static List<String> admittedUsers(Access access) {
        return switch (access) {
            case CATALOG_WRITE -> List.of("alice");
            case ADMIN -> List.of("adam");
            case CATALOG_READ, SIGNED_IN -> SIGNED_IN_ROLES;
        };
    }

    static Stream<Arguments> refusals() {
        return ENDPOINTS.stream().flatMap(e -> refusedUsers(e.access()).stream().map(u -> Arguments.of(e, u)));
    }

    static Stream<Arguments> admissions() {
        return ENDPOINTS.stream().flatMap(e -> admittedUsers(e.access()).stream().map(u -> Arguments.of(e, u)));
    }

    @Test
    void theMatrixCoversEveryRoleRule() {
        assertThat(ENDPOINTS).hasSize(21);
        assertThat(refusals()).hasSize(4 * 3 + 11 * 3);
        assertThat(ENDPOINTS).extracting(Endpoint::toString).doesNotHaveDuplicates();
    }

    @Test
    void theMatrixHasEveryOperationOfTheOpenApiDocument() {
        JsonNode paths = as("adam").get("/v3/api-docs").json().path("paths");
        List<String> documented = new ArrayList<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                documented.add(method.toUpperCase() + " " + path);
            }
        }
        List<String> inMatrix = ENDPOINTS.stream()
                .filter(e -> e.template().startsWith("/api/"))
                .map(e -> e.method() + " " + e.template().replace("{model}", "{name}").replace("{user}", "{username}")
                        .replace("{token}", "{id}"))
                .toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(inMatrix);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutCredentialsIsUnauthenticated(Endpoint endpoint) {
        String before = state();

        Api.Response response = endpoint.call(anonymous(), shared);

        assertUnauthenticated(response);
        assertThat(response.json().path("instance").asString()).isEqualTo(endpoint.path(shared));
        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aWrongPasswordIsUnauthenticated(Endpoint endpoint) {
        String user = admittedUsers(endpoint.access()).get(0);
        String before = state();

        Api.Response response = endpoint.call(Api.basic(port, user, "not-the-password"), shared);

        assertUnauthenticated(response);
        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anUnknownUserIsUnauthenticated(Endpoint endpoint) {
        Api.Response response = endpoint.call(Api.basic(port, "mallory", "demo"), shared);

        assertUnauthenticated(response);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("refusals")
    void aRoleWithoutTheRightIsForbiddenAndChangesNothing(Endpoint endpoint, String user) {
        String before = state();
        JsonNode modelBefore = as("alice").get("/api/v1/models/" + shared.model()).json();

        Api.Response response = endpoint.call(as(user), shared);

        assertForbidden(response, endpoint.method(), endpoint.path(shared));
        assertThat(state()).as("nothing changed").isEqualTo(before);
        JsonNode modelAfter = as("alice").get("/api/v1/models/" + shared.model()).json();
        assertThat(modelAfter).isEqualTo(modelBefore);
        assertThat(modelAfter.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(modelAfter.path("versionCount").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("admissions")
    void aRoleWithTheRightIsServed(Endpoint endpoint, String user) {
        Fixture fixture = endpoint.isWrite() ? createFixture("matrix-ok") : shared;

        Api.Response response = endpoint.call(as(user), fixture);

        assertThat(response.status()).as("%s %s as %s: %s", endpoint.method(), endpoint.path(fixture), user, response)
                .isEqualTo(endpoint.okStatus());
        endpoint.check().accept(response, fixture);
    }

    @Test
    void catalogReadsAndIdentityAnswerEveryRole() {
        for (String user : List.of("alice", "bob", "rita", "ravi", "carla", "adam")) {
            Api api = as(user);
            assertThat(api.get("/api/v1/models").status()).as(user).isEqualTo(200);
            assertThat(api.get("/api/v1/models/" + shared.model()).status()).as(user).isEqualTo(200);
            assertThat(api.get("/api/v1/models/" + shared.model() + "/versions").status()).as(user).isEqualTo(200);
            assertThat(api.get("/api/v1/models/" + shared.model() + "/versions/1").status()).as(user).isEqualTo(200);
            JsonNode me = api.get("/api/v1/me").json();
            assertThat(me.path("name").asString()).isEqualTo(user);
            assertThat(me.path("roles").toString()).as("roles of %s", user).contains("\"" + ROLE_OF.get(user) + "\"");
        }
    }

    @Test
    void meListsTheRolesAndNothingElse() {
        ROLE_OF.forEach((user, role) -> {
            JsonNode me = as(user).get("/api/v1/me").json();
            assertThat(me.path("roles").toString()).as("roles of %s", user).isEqualTo("[\"" + role + "\"]");
        });
    }

    @Test
    void aRefusedVersionRegistrationLeavesTheModelUnchanged() {
        String model = shared.model();
        int countBefore = as("alice").get("/api/v1/models/" + model).json().path("versionCount").asInt();
        long versionsBefore = as("alice").get("/api/v1/models/" + model + "/versions").json().path("totalItems").asLong();

        assertForbidden(as("rita").post("/api/v1/models/" + model + "/versions", Samples.version()),
                "POST", "/api/v1/models/" + model + "/versions");
        assertForbidden(as("carla").post("/api/v1/models/" + model + "/retirement", Map.of("reason", "no")),
                "POST", "/api/v1/models/" + model + "/retirement");
        assertForbidden(as("adam").post("/api/v1/models/" + model + "/versions/1/archival", Map.of("reason", "no")),
                "POST", "/api/v1/models/" + model + "/versions/1/archival");

        JsonNode after = as("alice").get("/api/v1/models/" + model).json();
        assertThat(after.path("versionCount").asInt()).isEqualTo(countBefore).isEqualTo(1);
        assertThat(after.path("latestVersion").asInt()).isEqualTo(1);
        assertThat(after.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(as("alice").get("/api/v1/models/" + model + "/versions").json().path("totalItems").asLong())
                .isEqualTo(versionsBefore);
        assertThat(as("alice").get("/api/v1/models/" + model + "/versions/1").json().path("status").asString())
                .isEqualTo("REGISTERED");
        assertThat(as("alice").get("/api/v1/models/" + model + "/versions/2").status()).isEqualTo(404);
    }

    @Test
    void aRefusedModelRegistrationCreatesNoModel() {
        String name = uniqueName("refused");

        assertForbidden(as("rita").post("/api/v1/models", Samples.model(name)), "POST", "/api/v1/models");

        assertThat(as("alice").get("/api/v1/models/" + name).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, name)).isZero();
    }

    @Test
    void refusedAdministrationChangesNoAccount() {
        String user = shared.user();

        assertForbidden(as("alice").put("/api/v1/admin/users/" + user + "/roles", Map.of("roles", List.of("ADMIN"))),
                "PUT", "/api/v1/admin/users/" + user + "/roles");
        assertForbidden(as("rita").put("/api/v1/admin/users/" + user + "/password", Map.of("password", "taken-over-1")),
                "PUT", "/api/v1/admin/users/" + user + "/password");
        assertForbidden(as("carla").put("/api/v1/admin/users/" + user + "/enabled", Map.of("enabled", false)),
                "PUT", "/api/v1/admin/users/" + user + "/enabled");

        JsonNode account = as("adam").get("/api/v1/admin/users/" + user).json();
        assertThat(account.path("roles").toString()).isEqualTo("[\"RISK_REVIEWER\"]");
        assertThat(account.path("enabled").asBoolean()).isTrue();
        assertThat(Api.basic(port, user, "initial-pass-1").get("/api/v1/me").status()).isEqualTo(200);
        assertThat(Api.basic(port, user, "taken-over-1").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void healthIsPublic() {
        Api.Response health = anonymous().get("/actuator/health");
        assertThat(health.status()).as("%s", health).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    static Stream<Arguments> unknownRequests() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/nothing-here"),
                Arguments.of("GET", "/api/v2/models"),
                Arguments.of("POST", "/api/v1/me"),
                Arguments.of("DELETE", "/api/v1/models/bnpl-credit-risk"),
                Arguments.of("PUT", "/api/v1/models/bnpl-credit-risk"),
                Arguments.of("DELETE", "/api/v1/models/bnpl-credit-risk/versions/1"),
                Arguments.of("GET", "/swagger-resources"),
                Arguments.of("POST", "/actuator/health"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownRequests")
    void anUnknownRequestIsRefused(String method, String path) {
        String before = state();

        assertUnauthenticated(anonymous().send(method, path, null));
        for (String user : SIGNED_IN_ROLES) {
            assertForbidden(as(user).send(method, path, null), method, path);
        }

        assertThat(state()).as("nothing changed").isEqualTo(before);
        assertThat(as("alice").get("/api/v1/models/bnpl-credit-risk/versions/1").status()).isEqualTo(200);
    }

    /** Everything a request could change: the event store, accounts, roles, tokens, the catalog. */
    private String state() {
        return String.join("\n",
                jdbc.queryForObject("SELECT count(*) || '/' || coalesce(max(global_index), -1) FROM domain_event_entry",
                        String.class),
                jdbc.queryForObject("SELECT coalesce(string_agg(username || ':' || password_hash || ':' || enabled, ','"
                        + " ORDER BY username), '') FROM app_user", String.class),
                jdbc.queryForObject("SELECT coalesce(string_agg(username || ':' || role, ',' ORDER BY username, role), '')"
                        + " FROM app_user_role", String.class),
                jdbc.queryForObject("SELECT coalesce(string_agg(id || ':' || roles::text || ':' || expires_at"
                        + " || ':' || coalesce(revoked_at::text, '-'), ',' ORDER BY id), '') FROM api_token", String.class),
                jdbc.queryForObject("SELECT coalesce(string_agg(name || ':' || status || ':' || version_count, ','"
                        + " ORDER BY name), '') FROM catalog_model", String.class),
                jdbc.queryForObject("SELECT coalesce(string_agg(model_name || ':' || version || ':' || status, ','"
                        + " ORDER BY model_name, version), '') FROM catalog_version", String.class));
    }
}
