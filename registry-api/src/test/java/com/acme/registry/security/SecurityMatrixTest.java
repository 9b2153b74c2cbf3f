package com.acme.registry.security;

import com.acme.registry.support.ProblemAssertions;

import com.acme.registry.identity.ApiTokens;

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

import static com.acme.registry.support.ProblemAssertions.assertForbidden;
import static com.acme.registry.support.ProblemAssertions.assertUnauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the API against every kind of caller: nobody, a wrong password, each role that must be
 * refused, and each role that must be served. A refused request must change nothing at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixTest extends IntegrationTest {

    /** Who may call an endpoint. */
    enum Access {
        /** what serving and decisioning systems need (models, versions, serving state, lineage): everyone, READER too */
        READ,
        /** promotions and their justifications, the review queue, rollbacks: people's roles, not READER */
        GOVERNANCE_READ,
        /** catalog writes, promotion requests, rollouts and rollbacks: ML_ENGINEER only */
        ENGINEER_WRITE,
        /** approvals, rejections and rollback acknowledgements: RISK_REVIEWER only */
        REVIEWER_WRITE,
        /** /api/v1/admin/** and /actuator/metrics: ADMIN only */
        ADMIN,
        /** /api/v1/me: anyone signed in, READER too */
        SIGNED_IN,
        /** the OpenAPI document (and Swagger UI): people's roles, not READER */
        DOCS,
        /** the audit log, its verification and export, compliance views: COMPLIANCE and ADMIN */
        COMPLIANCE,
        /** the audit signing key: anyone, signed in or not (a wrong password is still refused) */
        PUBLIC
    }

    /**
     * Resources that exist while a request is made; write admissions get fresh ones. {@code governed} is a LOW-tier
     * model (null where not needed) whose production champion is v2 after emergency rollback #{@code rollback}
     * (v1 before it, v3 granted), whose request #{@code request} for v4 in production is pending, and whose staging
     * rollout of v1 runs at 10 %.
     */
    record Fixture(String model, int version, String user, String token, String tokenSecret, String governed,
                   int request, int rollback) {
    }

    record Endpoint(String method, String template, Access access, int okStatus,
                    Function<Fixture, Object> body, BiConsumer<Api.Response, Fixture> check) {

        String path(Fixture f) {
            return template.replace("{model}", f.model()).replace("{version}", String.valueOf(f.version()))
                    .replace("{user}", f.user()).replace("{token}", f.token())
                    .replace("{governed}", String.valueOf(f.governed()))
                    .replace("{request}", String.valueOf(f.request()))
                    .replace("{rollback}", String.valueOf(f.rollback()))
                    .replace("{datasetName}", DATASET)
                    .replace("{sequence}", String.valueOf(checkpoint.get("sequence")))
                    .replace("{webhookToDelete}", webhookToDelete).replace("{webhook}", webhook)
                    .replace("{delivery}", delivery);
        }

        /** The path without its query string, as a problem's instance names it. */
        String pathOnly(Fixture f) {
            return path(f).replaceAll("\\?.*$", "");
        }

        Api.Response call(Api api, Fixture f) {
            return api.send(method, path(f), body == null ? null : body.apply(f));
        }

        boolean isWrite() {
            return !"GET".equals(method);
        }

        boolean needsGovernedModel() {
            return template.contains("{governed}");
        }

        /** The path as the OpenAPI document names it. */
        String documentedPath() {
            return template.replace("{model}", "{name}").replace("{governed}", "{name}")
                    .replace("{user}", "{username}").replace("{token}", "{id}")
                    .replace("{request}", "{number}").replace("{rollback}", "{number}")
                    .replace("{webhookToDelete}", "{id}").replace("{webhook}", "{id}")
                    .replace("{delivery}", "{deliveryId}")
                    .replaceAll("/environments/(staging|production)", "/environments/{environment}")
                    .replaceAll("\\?.*$", "");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final List<String> SIGNED_IN_ROLES = List.of("alice", "rita", "carla", "adam");
    /** The dataset every version of {@link Samples#version()} was trained on. */
    private static final String DATASET = "applications";
    private static final String PERIOD = "from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
    private static final Map<String, String> ROLE_OF = Map.of("alice", "ML_ENGINEER", "bob", "ML_ENGINEER",
            "rita", "RISK_REVIEWER", "ravi", "RISK_REVIEWER", "carla", "COMPLIANCE", "adam", "ADMIN");
    private static final String NEW_PASSWORD = "changed-by-matrix-1";
    /** A checkpoint of the audit chain, taken before the matrix runs. */
    private static Map<String, Object> checkpoint = Map.of();
    /** A webhook subscription (to a port nothing listens on) with at least one delivery, and one to delete. */
    private static String webhook = "";
    private static String webhookToDelete = "";
    private static String delivery = "";
    private static final String WEBHOOK_TARGET = "http://127.0.0.1:9/matrix";

    private static final List<Endpoint> ENDPOINTS = List.of(
            // catalog reads
            new Endpoint("GET", "/api/v1/models", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("items").isArray()).isTrue();
                assertThat(r.json().path("totalItems").asLong()).isPositive();
            }),
            new Endpoint("GET", "/api/v1/models/{model}", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("name").asString()).isEqualTo(f.model());
                assertThat(r.json().path("versionCount").asInt()).isEqualTo(1);
            }),
            new Endpoint("GET", "/api/v1/models/{model}/versions", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asLong()).isEqualTo(1);
                assertThat(r.json().path("items").get(0).path("modelName").asString()).isEqualTo(f.model());
            }),
            new Endpoint("GET", "/api/v1/models/{model}/versions/{version}", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("modelName").asString()).isEqualTo(f.model());
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version());
            }),
            // lineage reads
            new Endpoint("GET", "/api/v1/models/{model}/versions/{version}/lineage", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("modelName").asString()).isEqualTo(f.model());
                assertThat(r.json().path("datasets").get(0).path("name").asString()).isEqualTo(DATASET);
                assertThat(r.json().path("parentChain").size()).isZero();
            }),
            new Endpoint("GET", "/api/v1/lineage/datasets/{datasetName}", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asLong()).isPositive();
                assertThat(r.json().path("items").get(0).path("roles").get(0).asString()).isEqualTo("training");
            }),
            // catalog writes
            new Endpoint("POST", "/api/v1/models", Access.ENGINEER_WRITE, 201,
                    f -> Samples.model(uniqueName("matrix-new")), (r, f) -> {
                assertThat(r.json().path("name").asString()).startsWith("matrix-new-");
                assertThat(r.json().path("registeredBy").asString()).isEqualTo("alice");
                assertThat(r.json().path("status").asString()).isEqualTo("ACTIVE");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/retirement", Access.ENGINEER_WRITE, 200,
                    f -> Map.of("reason", "Superseded by the matrix"), (r, f) -> {
                assertThat(r.json().path("name").asString()).isEqualTo(f.model());
                assertThat(r.json().path("status").asString()).isEqualTo("RETIRED");
                assertThat(r.json().path("retirementReason").asString()).isEqualTo("Superseded by the matrix");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/versions", Access.ENGINEER_WRITE, 201,
                    f -> Samples.version(), (r, f) -> {
                assertThat(r.json().path("modelName").asString()).isEqualTo(f.model());
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version() + 1);
                assertThat(r.json().path("registeredBy").asString()).isEqualTo("alice");
            }),
            new Endpoint("POST", "/api/v1/models/{model}/versions/{version}/archival", Access.ENGINEER_WRITE, 200,
                    f -> Map.of("reason", "Archived by the matrix"), (r, f) -> {
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version());
                assertThat(r.json().path("status").asString()).isEqualTo("ARCHIVED");
                assertThat(r.json().path("archiveReason").asString()).isEqualTo("Archived by the matrix");
            }),
            // a complete version: the same digest again is accepted and changes nothing
            new Endpoint("POST", "/api/v1/models/{model}/versions/{version}/evidence", Access.ENGINEER_WRITE, 200,
                    f -> Map.of("artifactDigest", Samples.DIGEST), (r, f) -> {
                assertThat(r.json().path("version").asInt()).isEqualTo(f.version());
                assertThat(r.json().path("artifactDigest").asString()).isEqualTo(Samples.DIGEST);
                assertThat(r.json().path("missingEvidence").isEmpty()).isTrue();
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
            new Endpoint("GET", "/v3/api-docs", Access.DOCS, 200, null, (r, f) -> {
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
                    f -> Map.of("name", uniqueName("matrix-token"), "roles", List.of("ML_ENGINEER"), "owner", "alice",
                            "validDays", 30),
                    (r, f) -> {
                assertThat(r.json().path("secret").asString()).startsWith("mrt_");
                assertThat(r.json().path("token").path("createdBy").asString()).isEqualTo("adam");
                assertThat(r.json().path("token").path("owner").asString()).isEqualTo("alice");
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
            // governance reads
            new Endpoint("GET", "/api/v1/models/{governed}/promotions", Access.GOVERNANCE_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asInt()).isEqualTo(f.request());
                assertThat(r.json().path("items").get(0).path("modelName").asString()).isEqualTo(f.governed());
            }),
            new Endpoint("GET", "/api/v1/models/{governed}/promotions/{request}", Access.GOVERNANCE_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("requestNumber").asInt()).isEqualTo(f.request());
                assertThat(r.json().path("status").asString()).isEqualTo("PENDING");
                assertThat(r.json().path("version").asInt()).isEqualTo(4);
            }),
            new Endpoint("GET", "/api/v1/reviews", Access.GOVERNANCE_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("items").isArray()).isTrue();
                assertThat(r.json().path("totalItems").asLong()).isPositive();
                r.json().path("items").forEach(i -> assertThat(i.path("status").asString()).isEqualTo("PENDING"));
            }),
            new Endpoint("GET", "/api/v1/rollbacks", Access.GOVERNANCE_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("items").isArray()).isTrue();
                assertThat(r.json().path("totalItems").asLong()).isPositive();
            }),
            new Endpoint("GET", "/api/v1/models/{governed}/rollbacks", Access.GOVERNANCE_READ, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asInt()).isEqualTo(1);
                assertThat(r.json().path("items").get(0).path("rollbackNumber").asInt()).isEqualTo(f.rollback());
                assertThat(r.json().path("items").get(0).path("emergency").asBoolean()).isTrue();
            }),
            new Endpoint("GET", "/api/v1/environments", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().size()).isEqualTo(2);
                assertThat(r.json().get(1).path("name").asString()).isEqualTo("production");
                assertThat(r.json().get(1).path("requiresApproval").asBoolean()).isTrue();
            }),
            new Endpoint("GET", "/api/v1/models/{governed}/environments", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().size()).isEqualTo(2);
                assertThat(r.json().get(0).path("candidate").path("version").asInt()).isEqualTo(1);
                assertThat(r.json().get(1).path("champion").path("version").asInt()).isEqualTo(2);
            }),
            new Endpoint("GET", "/api/v1/models/{governed}/environments/production", Access.READ, 200, null, (r, f) -> {
                assertThat(r.json().path("serving").asBoolean()).isTrue();
                assertThat(r.json().path("champion").path("version").asInt()).isEqualTo(2);
                assertThat(r.json().path("champion").path("trafficPercent").asInt()).isEqualTo(100);
                assertThat(r.json().path("champion").path("artifactDigest").asString()).isEqualTo(Samples.DIGEST);
            }),
            // governance writes: ML_ENGINEER
            new Endpoint("POST", "/api/v1/models/{governed}/promotions", Access.ENGINEER_WRITE, 201,
                    f -> Map.of("version", 4, "environment", "staging", "justification", "Matrix"), (r, f) -> {
                assertThat(r.json().path("requestNumber").asInt()).isEqualTo(f.request() + 1);
                assertThat(r.json().path("status").asString()).isEqualTo("GRANTED");
                assertThat(r.json().path("requestedBy").asString()).isEqualTo("alice");
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/environments/production/rollout", Access.ENGINEER_WRITE,
                    201, f -> Map.of("version", 3, "trafficPercent", 10), (r, f) -> {
                assertThat(r.json().path("candidate").path("version").asInt()).isEqualTo(3);
                assertThat(r.json().path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
                assertThat(r.json().path("champion").path("trafficPercent").asInt()).isEqualTo(90);
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/environments/staging/rollout/traffic",
                    Access.ENGINEER_WRITE, 200, f -> Map.of("trafficPercent", 50), (r, f) -> {
                assertThat(r.json().path("candidate").path("version").asInt()).isEqualTo(1);
                assertThat(r.json().path("candidate").path("trafficPercent").asInt()).isEqualTo(50);
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/environments/staging/rollout/completion",
                    Access.ENGINEER_WRITE, 200, null, (r, f) -> {
                assertThat(r.json().path("champion").path("version").asInt()).isEqualTo(1);
                assertThat(r.json().has("candidate")).isFalse();
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/environments/staging/rollout/abort",
                    Access.ENGINEER_WRITE, 200, f -> Map.of("reason", "Aborted by the matrix"), (r, f) -> {
                assertThat(r.json().has("candidate")).isFalse();
                assertThat(r.json().path("serving").asBoolean()).isFalse();
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/environments/production/rollback", Access.ENGINEER_WRITE,
                    200, f -> Map.of("reason", "Rolled back by the matrix"), (r, f) -> {
                assertThat(r.json().path("champion").path("version").asInt()).isEqualTo(1);
                assertThat(r.json().has("candidate")).isFalse();
            }),
            // governance writes: RISK_REVIEWER
            new Endpoint("POST", "/api/v1/models/{governed}/promotions/{request}/approvals", Access.REVIEWER_WRITE,
                    200, f -> Map.of("comment", "Approved by the matrix"), (r, f) -> {
                assertThat(r.json().path("status").asString()).isEqualTo("GRANTED");
                assertThat(r.json().path("approvals").get(0).path("approvedBy").asString()).isEqualTo("rita");
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/promotions/{request}/rejection", Access.REVIEWER_WRITE,
                    200, f -> Map.of("reason", "Rejected by the matrix"), (r, f) -> {
                assertThat(r.json().path("status").asString()).isEqualTo("REJECTED");
                assertThat(r.json().path("rejectedBy").asString()).isEqualTo("rita");
            }),
            new Endpoint("POST", "/api/v1/models/{governed}/rollbacks/{rollback}/acknowledgement",
                    Access.REVIEWER_WRITE, 200, f -> Map.of("comment", "Acknowledged by the matrix"), (r, f) -> {
                assertThat(r.json().path("acknowledgedBy").asString()).isEqualTo("rita");
                assertThat(r.json().path("flagged").asBoolean()).isFalse();
            }),
            // audit
            new Endpoint("GET", "/api/v1/audit", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asLong()).isPositive();
            }),
            new Endpoint("GET", "/api/v1/audit/verification", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("valid").asBoolean()).isTrue();
            }),
            new Endpoint("GET", "/api/v1/audit/export", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.body()).contains("\"type\":\"digest\"");
            }),
            new Endpoint("GET", "/api/v1/audit/public-key", Access.PUBLIC, 200, null, (r, f) -> {
                assertThat(r.body()).startsWith("-----BEGIN PUBLIC KEY-----");
            }),
            // audit checkpoints
            new Endpoint("GET", "/api/v1/audit/checkpoints", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("items").get(0).path("type").asString()).isEqualTo("checkpoint");
            }),
            new Endpoint("GET", "/api/v1/audit/checkpoints/latest", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("signature").asString()).isNotBlank();
            }),
            new Endpoint("GET", "/api/v1/audit/checkpoints/{sequence}", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("sequence").asLong()).isEqualTo(((Number) checkpoint.get("sequence")).longValue());
            }),
            new Endpoint("POST", "/api/v1/audit/checkpoints", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("type").asString()).isEqualTo("checkpoint");
            }),
            new Endpoint("POST", "/api/v1/audit/verification/checkpoint", Access.COMPLIANCE, 200, f -> checkpoint,
                    (r, f) -> assertThat(r.json().path("valid").asBoolean()).isTrue()),
            // compliance views
            new Endpoint("GET", "/api/v1/compliance/inventory", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("totalItems").asLong()).isPositive();
                assertThat(r.json().path("asOf").asString()).isNotBlank();
            }),
            new Endpoint("GET", "/api/v1/compliance/releases?" + PERIOD + "&model={governed}", Access.COMPLIANCE,
                    200, null, (r, f) -> {
                List<String> kinds = new ArrayList<>();
                r.json().path("items").forEach(i -> kinds.add(i.path("kind").asString() + " v" + i.path("version").asInt()));
                assertThat(kinds).containsExactly("ROLLOUT v1", "ROLLOUT v2", "ROLLOUT v3", "ROLLBACK v2");
                assertThat(r.json().path("items").get(3).path("exceptions").get(0).asString())
                        .isEqualTo("EMERGENCY_ROLLBACK_UNACKNOWLEDGED");
            }),
            new Endpoint("GET", "/api/v1/compliance/models/{governed}/history", Access.COMPLIANCE, 200, null, (r, f) -> {
                assertThat(r.json().path("items").get(0).path("action").asString()).isEqualTo("ModelRegistered");
                assertThat(r.json().path("items").get(0).path("actor").asString()).isEqualTo("alice");
            }),
            // the event feed: everyone signed in, READER too (who sees catalog and serving events only)
            new Endpoint("GET", "/api/v1/events?after=0&limit=5", Access.SIGNED_IN, 200, null, (r, f) -> {
                assertThat(r.json().path("events").size()).isEqualTo(5);
                assertThat(r.json().path("events").get(0).path("id").asString()).isEqualTo("1");
            }),
            // a stream stays open: a bad position shows the role rule let the caller through, without streaming
            new Endpoint("GET", "/api/v1/events/stream?after=first", Access.SIGNED_IN, 400, null, (r, f) ->
                    assertThat(r.json().path("errors").get(0).path("field").asString()).isEqualTo("after")),
            // webhooks: ADMIN only
            new Endpoint("POST", "/api/v1/admin/webhooks", Access.ADMIN, 201,
                    f -> Map.of("name", uniqueName("matrix-hook"), "url", WEBHOOK_TARGET), (r, f) ->
                    assertThat(r.json().path("secret").asString()).startsWith("whsec_")),
            new Endpoint("GET", "/api/v1/admin/webhooks", Access.ADMIN, 200, null, (r, f) ->
                    assertThat(r.json().isArray()).isTrue()),
            new Endpoint("GET", "/api/v1/admin/webhooks/{webhook}", Access.ADMIN, 200, null, (r, f) ->
                    assertThat(r.json().path("url").asString()).isEqualTo(WEBHOOK_TARGET)),
            new Endpoint("PATCH", "/api/v1/admin/webhooks/{webhook}", Access.ADMIN, 200,
                    f -> Map.of("name", "matrix-hook-renamed-" + f.model()), (r, f) ->
                    assertThat(r.json().path("name").asString()).isEqualTo("matrix-hook-renamed-" + f.model())),
            new Endpoint("DELETE", "/api/v1/admin/webhooks/{webhookToDelete}", Access.ADMIN, 204, null, (r, f) -> {
            }),
            new Endpoint("POST", "/api/v1/admin/webhooks/{webhook}/secret", Access.ADMIN, 200, null, (r, f) ->
                    assertThat(r.json().path("secret").asString()).startsWith("whsec_")),
            new Endpoint("POST", "/api/v1/admin/webhooks/{webhook}/resumption", Access.ADMIN, 200, null, (r, f) ->
                    assertThat(r.json().path("status").asString()).isEqualTo("active")),
            new Endpoint("GET", "/api/v1/admin/webhooks/{webhook}/deliveries", Access.ADMIN, 200, null, (r, f) ->
                    assertThat(r.json().size()).isPositive()),
            new Endpoint("GET", "/api/v1/admin/webhooks/{webhook}/deliveries/{delivery}", Access.ADMIN, 200, null,
                    (r, f) -> assertThat(r.json().path("delivery").path("id").asString()).isEqualTo(delivery)),
            new Endpoint("POST", "/api/v1/admin/webhooks/{webhook}/deliveries/{delivery}/redelivery", Access.ADMIN,
                    202, null, (r, f) -> assertThat(r.json().path("requestedBy").asString()).isEqualTo("adam")),
            new Endpoint("POST", "/api/v1/admin/webhooks/{webhook}/redeliveries", Access.ADMIN, 202,
                    f -> Map.of("fromEventId", 1, "toEventId", 1), (r, f) ->
                    assertThat(r.json().path("deliveries").asInt()).isEqualTo(1)),
            // operations
            new Endpoint("GET", "/api/v1/admin/read-models", Access.ADMIN, 200, null, (r, f) -> {
                assertThat(r.json().path("groups").size()).isEqualTo(3);
            }),
            new Endpoint("POST", "/api/v1/admin/read-models/rebuild", Access.ADMIN, 200, null, (r, f) -> {
                assertThat(r.json().path("groups").get(0).path("group").asString()).isEqualTo("read-models");
                r.json().path("groups").forEach(g -> assertThat(g.path("lag").asLong()).isZero());
            }),
            // no rebuild runs while the matrix runs: ADMIN gets the rule, not a 403
            new Endpoint("DELETE", "/api/v1/admin/read-models/rebuild", Access.ADMIN, 409, null, (r, f) ->
                    assertThat(r.json().path("rule").asString()).isEqualTo("no-rebuild-running")),
            new Endpoint("GET", "/actuator/metrics", Access.ADMIN, 200, null, (r, f) -> {
                List<String> names = new ArrayList<>();
                r.json().path("names").forEach(n -> names.add(n.asString()));
                assertThat(names).contains("jvm.memory.used");
            }));

    private static final String READER_PASSWORD = "reader-pass-matrix-1";

    private Fixture shared;
    /** A person holding only READER. */
    private String reader;

    @BeforeAll
    void createSharedResources() {
        shared = createFixture("matrix", true);
        Api.Response taken = as("adam").post("/api/v1/audit/checkpoints", null);
        assertThat(taken.status()).as("%s", taken).isEqualTo(200);
        checkpoint = Api.JSON.convertValue(taken.json(), Map.class);
        reader = "matrix-reader-" + UUID.randomUUID().toString().substring(0, 8);
        expect(as("adam").post("/api/v1/admin/users",
                Map.of("username", reader, "password", READER_PASSWORD, "roles", List.of("READER"))), 201);
        createWebhooks();
    }

    private void createWebhooks() {
        Api.Response created = as("adam").post("/api/v1/admin/webhooks",
                Map.of("name", uniqueName("matrix-hook"), "url", WEBHOOK_TARGET));
        expect(created, 201);
        webhook = created.json().path("subscription").path("id").asString();
        Api.Response toDelete = as("adam").post("/api/v1/admin/webhooks",
                Map.of("name", uniqueName("matrix-hook-deleted"), "url", WEBHOOK_TARGET));
        expect(toDelete, 201);
        webhookToDelete = toDelete.json().path("subscription").path("id").asString();
        expect(as("alice").post("/api/v1/models", Samples.model(uniqueName("matrix-hooked"))), 201);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (delivery.isEmpty() && System.nanoTime() < deadline) {
            JsonNode deliveries = as("adam").get("/api/v1/admin/webhooks/" + webhook + "/deliveries").json();
            if (deliveries.size() > 0) {
                delivery = deliveries.get(0).path("id").asString();
            }
        }
        assertThat(delivery).as("a delivery was queued").isNotEmpty();
    }

    /**
     * A model with one version (by alice), a RISK_REVIEWER user and a READER API token (by adam); if
     * {@code governed}, also a governed model (see {@link Fixture}).
     */
    private Fixture createFixture(String prefix, boolean governed) {
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
                Map.of("name", uniqueName(prefix + "-token"), "roles", List.of("READER"), "validDays", 30));
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        return new Fixture(model, version.json().path("version").asInt(), user,
                token.json().path("token").path("id").asString(), token.json().path("secret").asString(),
                governed ? createGovernedModel(prefix) : null, 4, 1);
    }

    /** See {@link Fixture}: everything by alice (ML_ENGINEER) and rita (RISK_REVIEWER). */
    private String createGovernedModel(String prefix) {
        String model = uniqueName(prefix + "-gov");
        Map<String, Object> body = Samples.model(model);
        body.put("riskTier", "LOW");
        Api alice = as("alice");
        expect(alice.post("/api/v1/models", body), 201);
        for (int v = 1; v <= 4; v++) {
            expect(alice.post("/api/v1/models/" + model + "/versions", Samples.version()), 201);
        }
        String base = "/api/v1/models/" + model;
        for (int v = 1; v <= 3; v++) {
            expect(alice.post(base + "/promotions", Map.of("version", v, "environment", "production",
                    "justification", "Matrix fixture", "validationReportUri", "https://reports.internal/" + v)), 201);
            expect(as("rita").post(base + "/promotions/" + v + "/approvals", Map.of("comment", "ok")), 200);
            expect(alice.post(base + "/environments/production/rollout", Map.of("version", v, "trafficPercent", 10)),
                    201);
            expect(alice.post(base + "/environments/production/rollout/completion", null), 200);
        }
        expect(alice.post(base + "/environments/production/rollback", Map.of("reason", "Matrix fixture")), 200);
        expect(alice.post(base + "/promotions", Map.of("version", 4, "environment", "production",
                "justification", "Matrix fixture", "validationReportUri", "https://reports.internal/4")), 201);
        expect(alice.post(base + "/environments/staging/rollout", Map.of("version", 1, "trafficPercent", 10)), 201);
        return model;
    }

    private static void expect(Api.Response response, int status) {
        assertThat(response.status()).as("fixture: %s", response).isEqualTo(status);
    }

    static Stream<Endpoint> endpoints() {
        return ENDPOINTS.stream();
    }

    static List<String> refusedUsers(Access access) {
        return switch (access) {
            case ENGINEER_WRITE -> List.of("rita", "carla", "adam");
            case REVIEWER_WRITE -> List.of("alice", "carla", "adam");
            case ADMIN -> List.of("alice", "rita", "carla");
            case COMPLIANCE -> List.of("alice", "rita");
            case READ, GOVERNANCE_READ, SIGNED_IN, DOCS, PUBLIC -> List.of();
        };
    }

    static List<String> admittedUsers(Access access) {
        return switch (access) {
            case ENGINEER_WRITE -> List.of("alice");
            case REVIEWER_WRITE -> List.of("rita");
            case ADMIN -> List.of("adam");
            case COMPLIANCE -> List.of("carla", "adam");
            case READ, GOVERNANCE_READ, SIGNED_IN, DOCS, PUBLIC -> SIGNED_IN_ROLES;
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
        assertThat(ENDPOINTS).hasSize(22 + 17 + 4 + 2 + 2 + 4 + 5 + 2 + 11);
        assertThat(refusals()).hasSize((5 + 6 + 2) * 3 + 3 * 3 + 12 * 3 + 3 * 2 + 3 * 2 + 5 * 2 + 11 * 3);
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
                .map(e -> e.method() + " " + e.documentedPath())
                .toList();

        assertThat(documented).containsExactlyInAnyOrderElementsOf(inMatrix);
    }

    static Stream<Endpoint> protectedEndpoints() {
        return ENDPOINTS.stream().filter(e -> e.access() != Access.PUBLIC);
    }

    @Test
    void publicEndpointsAnswerWithoutCredentials() {
        ENDPOINTS.stream().filter(e -> e.access() == Access.PUBLIC).forEach(endpoint -> {
            Api.Response response = endpoint.call(anonymous(), shared);
            assertThat(response.status()).as(endpoint.toString()).isEqualTo(endpoint.okStatus());
            endpoint.check().accept(response, shared);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protectedEndpoints")
    void withoutCredentialsIsUnauthenticated(Endpoint endpoint) {
        String before = state();

        Api.Response response = endpoint.call(anonymous(), shared);

        assertUnauthenticated(response);
        assertThat(response.json().path("instance").asString()).isEqualTo(endpoint.pathOnly(shared));
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
        Fixture fixture = endpoint.isWrite() ? createFixture("matrix-ok", endpoint.needsGovernedModel()) : shared;

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

    /** What a READER (token or person) is served: serving state, models, versions, lineage and itself. */
    static Stream<Endpoint> reads() {
        return ENDPOINTS.stream().filter(e -> e.access() == Access.READ || e.access() == Access.SIGNED_IN);
    }

    /** Everything else that needs a sign-in is refused to a READER. */
    static Stream<Endpoint> readerRefusals() {
        return ENDPOINTS.stream().filter(e -> e.access() != Access.READ && e.access() != Access.SIGNED_IN
                && e.access() != Access.PUBLIC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aReaderApiTokenIsServedEveryServingRead(Endpoint endpoint) {
        Api.Response response = endpoint.call(withToken(shared.tokenSecret()), shared);

        assertThat(response.status()).as("%s %s with a READER token: %s", endpoint.method(), endpoint.path(shared),
                response).isEqualTo(endpoint.okStatus());
        if (endpoint.access() == Access.READ) {
            endpoint.check().accept(response, shared);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aPersonHoldingOnlyReaderIsServedEveryServingRead(Endpoint endpoint) {
        Api.Response response = endpoint.call(Api.basic(port, reader, READER_PASSWORD), shared);

        assertThat(response.status()).as("%s %s as a READER: %s", endpoint.method(), endpoint.path(shared),
                response).isEqualTo(endpoint.okStatus());
        if (endpoint.access() == Access.READ) {
            endpoint.check().accept(response, shared);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readerRefusals")
    void aReaderIsForbiddenEverythingElseAndChangesNothing(Endpoint endpoint) {
        String before = state();

        assertForbidden(endpoint.call(withToken(shared.tokenSecret()), shared), endpoint.method(),
                endpoint.path(shared));
        assertForbidden(endpoint.call(Api.basic(port, reader, READER_PASSWORD), shared), endpoint.method(),
                endpoint.path(shared));

        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aReaderIsForbiddenSwaggerUi() {
        for (Api api : List.of(withToken(shared.tokenSecret()), Api.basic(port, reader, READER_PASSWORD))) {
            assertForbidden(api.get("/swagger-ui/index.html"), "GET", "/swagger-ui/index.html");
            assertForbidden(api.get("/v3/api-docs/swagger-config"), "GET", "/v3/api-docs/swagger-config");
        }
        assertThat(as("alice").get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void theServingStateAnswersEveryRoleAndAReaderTokenButOnlyPeopleSeeGovernance() {
        String serving = "/api/v1/models/" + shared.governed() + "/environments/production";
        List<Api> callers = new ArrayList<>();
        for (String user : List.of("alice", "bob", "rita", "ravi", "carla", "adam")) {
            callers.add(as(user));
        }
        Api readerToken = withToken(shared.tokenSecret());
        callers.add(readerToken);
        for (Api api : callers) {
            Api.Response now = api.get(serving);
            assertThat(now.status()).as("%s", now).isEqualTo(200);
            assertThat(now.json().path("champion").path("version").asInt()).isEqualTo(2);
            assertThat(now.json().path("champion").path("artifactUri").asString())
                    .isEqualTo(Samples.version().get("artifactUri"));
            Api.Response then = api.get(serving + "?asOf=" + java.time.Instant.now());
            assertThat(then.status()).as("%s", then).isEqualTo(200);
            assertThat(then.json().path("champion").path("version").asInt()).isEqualTo(2);
            assertThat(api.get("/api/v1/models/" + shared.governed() + "/environments/staging").json()
                    .path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
            int governance = api == readerToken ? 403 : 200; // a serving system needs no justifications
            assertThat(api.get("/api/v1/reviews").status()).isEqualTo(governance);
            assertThat(api.get("/api/v1/models/" + shared.governed() + "/promotions/" + shared.request()).status())
                    .isEqualTo(governance);
        }
    }

    // ---- API tokens: machine roles only, and only those their owner holds (READER needs none) ----

    /**
     * A token row as a registry before issue 13 could store it (or SQL behind the registry's back), holding
     * {@code role}, owned by a person who holds that role.
     */
    private String storedToken(String role, String owner) {
        String secret = "mrt_" + UUID.randomUUID().toString().replace("-", "") + "matrixmatrix";
        jdbc.update("INSERT INTO api_token (id, name, token_hash, roles, owner, created_by, expires_at) "
                + "VALUES (?, ?, ?, ARRAY[?]::varchar[], ?, 'adam', now() + interval '1 day')", UUID.randomUUID(),
                uniqueName("matrix-stored-" + role.toLowerCase().replace('_', '-')), ApiTokens.sha256(secret), role,
                owner);
        return secret;
    }

    static Stream<Arguments> humanRoles() {
        return Stream.of(Arguments.of("RISK_REVIEWER", "rita", Access.REVIEWER_WRITE),
                Arguments.of("COMPLIANCE", "carla", Access.COMPLIANCE),
                Arguments.of("ADMIN", "adam", Access.ADMIN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("humanRoles")
    void aTokenHoldingAHumanRoleIsForbiddenEveryEndpointOfThatRoleAndChangesNothing(String role, String owner,
                                                                                    Access access) {
        Api token = withToken(storedToken(role, owner));
        List<Endpoint> ofTheRole = ENDPOINTS.stream().filter(e -> e.access() == access).toList();
        assertThat(ofTheRole).isNotEmpty();

        for (Endpoint endpoint : ofTheRole) {
            String before = state();
            assertForbidden(endpoint.call(token, shared), endpoint.method(), endpoint.path(shared));
            assertThat(state()).as("%s changed nothing", endpoint).isEqualTo(before);
        }
        JsonNode me = token.get("/api/v1/me").json();
        assertThat(me.path("roles").toString()).as("a human role is never granted to a token").isEqualTo("[]");
        assertThat(me.path("actingFor").asString()).isEqualTo(owner);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("humanRoles")
    void noTokenIsIssuedWithAHumanRole(String role, String owner, Access access) {
        String before = state();

        Api.Response response = as("adam").post("/api/v1/admin/tokens", Map.of("name", uniqueName("matrix-human"),
                "roles", List.of(role), "owner", owner, "validDays", 30));

        ProblemAssertions.assertInvalidField(response, "roles");
        assertThat(response.body()).contains(role).doesNotContain("mrt_");
        assertThat(state()).isEqualTo(before);
    }

    static Stream<Endpoint> engineerWrites() {
        return ENDPOINTS.stream().filter(e -> e.access() == Access.ENGINEER_WRITE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineerWrites")
    void anMlEngineerTokenOfAnMlEngineerIsServedEveryEngineerWrite(Endpoint endpoint) {
        Fixture fixture = createFixture("matrix-tok", endpoint.needsGovernedModel());

        Api.Response response = endpoint.call(withToken(storedToken("ML_ENGINEER", "alice")), fixture);

        assertThat(response.status()).as("%s %s with alice's ML_ENGINEER token: %s", endpoint.method(),
                endpoint.path(fixture), response).isEqualTo(endpoint.okStatus());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engineerWrites")
    void anMlEngineerTokenOfSomeoneWithoutThatRoleIsForbiddenEveryEngineerWrite(Endpoint endpoint) {
        Api token = withToken(storedToken("ML_ENGINEER", "carla"));
        String before = state();

        assertForbidden(endpoint.call(token, shared), endpoint.method(), endpoint.path(shared));
        assertThat(state()).as("nothing changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void aReaderTokenOfAPersonWithoutTheReaderRoleIsServedEveryRead(Endpoint endpoint) {
        // adam holds ADMIN only: READER needs no role of the owner
        Api.Response response = endpoint.call(withToken(storedToken("READER", "adam")), shared);

        assertThat(response.status()).as("%s", response).isEqualTo(endpoint.okStatus());
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
                        + " ORDER BY model_name, version), '') FROM catalog_version", String.class),
                // not failing_since, which the dispatcher sets on its own
                jdbc.queryForObject("SELECT coalesce(string_agg(id || ':' || name || ':' || url || ':' || enabled || ':'"
                        + " || event_types::text || models::text || ':' || encode(secret_ciphertext, 'hex') || ':'"
                        + " || coalesce(deleted_at::text, '-'), ',' ORDER BY id), '') FROM webhook_subscription",
                        String.class),
                jdbc.queryForObject("SELECT count(*) || '' FROM webhook_delivery WHERE requested_by IS NOT NULL",
                        String.class));
    }
}
