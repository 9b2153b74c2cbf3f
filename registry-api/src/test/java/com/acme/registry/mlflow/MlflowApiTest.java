package com.acme.registry.mlflow;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;
import com.acme.registry.support.Api;
import com.acme.registry.support.GovernanceIntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MLflow-compatible endpoint over HTTP in MLflow's wire format: every call of registered-models and
 * model-versions, its errors ({"error_code", "message"} with MLflow's statuses), paging and the filter grammar, and
 * governance behind it (governed aliases and stages are rollouts under /api/v1's rules; nothing is deleted).
 */
class MlflowApiTest extends GovernanceIntegrationTest {

    static final String API = "/api/2.0/mlflow/";
    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Autowired
    ApiTokens tokens;

    // ---- the wire: helpers that speak as MLflow's client does ----

    private Api.Response call(Api api, String method, String path, Map<String, ?> params) {
        if (method.equals("GET")) {
            StringBuilder query = new StringBuilder();
            params.forEach((key, value) -> {
                List<?> values = value instanceof List<?> list ? list : List.of(value);
                for (Object v : values) {
                    query.append(query.isEmpty() ? "?" : "&").append(key).append('=')
                            .append(URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
                }
            });
            return api.get(API + path + query);
        }
        return api.send(method, API + path, params);
    }

    private JsonNode ok(Api api, String method, String path, Map<String, ?> params) {
        Api.Response response = call(api, method, path, params);
        assertThat(response.status()).as("%s %s: %s", method, path, response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        return response.json();
    }

    private JsonNode ok(String method, String path, Map<String, ?> params) {
        return ok(as("alice"), method, path, params);
    }

    private static void assertError(Api.Response response, int status, String code, String messagePart) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        JsonNode body = response.json();
        assertThat(body.path("error_code").asString()).as("%s", response).isEqualTo(code);
        assertThat(body.path("message").asString()).as("%s", response).contains(messagePart);
    }

    private String createModel(String prefix, Map<String, String> tags) {
        String name = uniqueName(prefix);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", tagList(tags));
        ok("POST", "registered-models/create", body);
        return name;
    }

    private static List<Map<String, String>> tagList(Map<String, String> tags) {
        List<Map<String, String>> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Map.of("key", k, "value", v)));
        return list;
    }

    private int createVersion(String model, Map<String, String> tags) {
        JsonNode created = ok("POST", "model-versions/create", Map.of("name", model,
                "source", "s3://ml-artifacts/" + model + "/model", "run_id", "run-" + model, "tags", tagList(tags)));
        return Integer.parseInt(created.path("model_version").path("version").asString());
    }

    private int completeVersion(String model) {
        return createVersion(model, Map.of(MlflowViews.DIGEST_TAG, DIGEST, MlflowViews.FRAMEWORK_TAG, "sklearn"));
    }

    // ---- registered models ----

    @Nested
    class RegisteredModels {

        @Test
        void createAnswersTheModelInMlflowsShapeWithTheCallerAsUser() {
            String name = uniqueName("mlf-create");
            JsonNode model = ok("POST", "registered-models/create", Map.of("name", name, "description", "PD at checkout",
                    "user_id", "mallory", "tags", tagList(Map.of("team", "credit")), "unknown_field", 1))
                    .path("registered_model");

            assertThat(model.path("name").asString()).isEqualTo(name);
            assertThat(model.path("user_id").asString()).isEqualTo("alice");
            assertThat(model.path("description").asString()).isEqualTo("PD at checkout");
            assertThat(model.path("creation_timestamp").asLong()).isCloseTo(Instant.now().toEpochMilli(),
                    org.assertj.core.data.Offset.offset(60_000L));
            assertThat(model.path("tags").get(0).path("key").asString()).isEqualTo("team");
            JsonNode native1 = as("carla").get("/api/v1/models/" + name).json();
            assertThat(native1.path("riskTier").asString()).as("the strictest tier by default").isEqualTo("HIGH");
            assertThat(native1.path("ownerTeam").asString()).isEqualTo("unassigned");
            assertThat(native1.path("registeredBy").asString()).isEqualTo("alice");
        }

        @Test
        void registryTagsSetTheModelsOwnFacts() {
            String name = createModel("mlf-facts", Map.of("registry.owner_team", "underwriting",
                    "registry.risk_tier", "low", "registry.intended_use", "Checkout PD", "domain", "bnpl"));
            JsonNode native1 = as("carla").get("/api/v1/models/" + name).json();
            assertThat(native1.path("ownerTeam").asString()).isEqualTo("underwriting");
            assertThat(native1.path("riskTier").asString()).isEqualTo("LOW");
            assertThat(native1.path("intendedUse").asString()).isEqualTo("Checkout PD");
            assertThat(native1.path("tags").path("domain").asString()).isEqualTo("bnpl");
            assertThat(native1.path("tags").has("registry.owner_team")).isFalse();
            assertError(call(as("alice"), "POST", "registered-models/create", Map.of("name", uniqueName("mlf-tier"),
                    "tags", tagList(Map.of("registry.risk_tier", "extreme")))), 400, "INVALID_PARAMETER_VALUE",
                    "registry.risk_tier");
        }

        @Test
        void aTakenNameIsResourceAlreadyExistsWhichRegisterModelReliesOn() {
            String name = createModel("mlf-dup", Map.of());
            assertError(call(as("bob"), "POST", "registered-models/create", Map.of("name", name)), 400,
                    "RESOURCE_ALREADY_EXISTS", "already exists");
        }

        @Test
        void badInputNamesTheParameterAndChangesNothing() {
            assertError(call(as("alice"), "POST", "registered-models/create", Map.of()), 400,
                    "INVALID_PARAMETER_VALUE", "Missing value for required parameter 'name'");
            String upper = "Credit_Model_" + uniqueName("x");
            assertError(call(as("alice"), "POST", "registered-models/create", Map.of("name", upper)), 400,
                    "INVALID_PARAMETER_VALUE", "name");
            assertThat(as("carla").get("/api/v1/models/" + upper).status()).isEqualTo(404);
            assertError(call(as("alice"), "GET", "registered-models/get", Map.of("name", "no-such-model-x1")), 404,
                    "RESOURCE_DOES_NOT_EXIST", "no-such-model-x1");
        }

        @Test
        void getUpdateAndTagsAreEventsShownByBothDoors() {
            String name = createModel("mlf-upd", Map.of("k", "v"));
            ok("PATCH", "registered-models/update", Map.of("name", name, "description", "Recalibrated"));
            ok("POST", "registered-models/set-tag", Map.of("name", name, "key", "channel", "value", "#credit"));
            ok("DELETE", "registered-models/delete-tag", Map.of("name", name, "key", "k"));

            JsonNode model = ok(as("carla"), "GET", "registered-models/get", Map.of("name", name))
                    .path("registered_model");
            assertThat(model.path("description").asString()).isEqualTo("Recalibrated");
            assertThat(model.path("tags").toString()).contains("channel").doesNotContain("\"k\"");
            assertThat(model.path("last_updated_timestamp").asLong())
                    .isGreaterThanOrEqualTo(model.path("creation_timestamp").asLong());
            JsonNode native1 = as("carla").get("/api/v1/models/" + name).json();
            assertThat(native1.path("description").asString()).isEqualTo("Recalibrated");
            assertThat(native1.path("tags").path("channel").asString()).isEqualTo("#credit");
            // as MLflow's server: removing a tag that is not there succeeds and changes nothing
            ok("DELETE", "registered-models/delete-tag", Map.of("name", name, "key", "k"));
            assertError(call(as("alice"), "POST", "registered-models/set-tag", Map.of("name", name,
                    "key", "registry.risk_tier", "value", "LOW")), 400, "INVALID_PARAMETER_VALUE", "registry.");

            JsonNode audit = as("carla").get("/api/v1/audit?model=" + name).json();
            assertThat(audit.toString()).contains("ModelTagSet", "ModelDescriptionChanged", "ModelTagDeleted");
        }

        @Test
        void nothingIsDeletedOrRenamed() {
            String name = createModel("mlf-del", Map.of());
            assertError(call(as("alice"), "DELETE", "registered-models/delete", Map.of("name", name)), 409,
                    "INVALID_STATE", "retire it");
            assertError(call(as("alice"), "POST", "registered-models/rename", Map.of("name", name,
                    "new_name", name + "-2")), 409, "INVALID_STATE", "never renamed");
            assertThat(as("carla").get("/api/v1/models/" + name).status()).isEqualTo(200);
            assertThat(as("carla").get("/api/v1/models/" + name + "-2").status()).isEqualTo(404);
        }

        @Test
        void bothPrefixesServeTheSameCalls() {
            String name = createModel("mlf-ajax", Map.of());
            Api.Response ajax = as("carla").get("/ajax-api/2.0/mlflow/registered-models/get?name=" + name);
            assertThat(ajax.status()).as("%s", ajax).isEqualTo(200);
            assertThat(ajax.json().path("registered_model").path("name").asString()).isEqualTo(name);
        }
    }

    // ---- search, filters and paging ----

    @Nested
    class Search {

        @Test
        void theFilterGrammarAndTheClientsPromptClause() {
            String prefix = uniqueName("mlf-srch");
            String a = prefix + "-alpha";
            String b = prefix + "-beta";
            ok("POST", "registered-models/create", Map.of("name", a, "tags", tagList(Map.of("team", "risk"))));
            ok("POST", "registered-models/create", Map.of("name", b, "tags", tagList(Map.of("team", "growth",
                    "mlflow.prompt.is_prompt", "false"))));

            assertThat(names(search("name = '" + a + "'"))).containsExactly(a);
            assertThat(names(search("name LIKE '" + prefix + "-%'"))).containsExactly(a, b);
            assertThat(names(search("name LIKE '" + prefix.toUpperCase() + "-%'"))).isEmpty();
            assertThat(names(search("name ILIKE '" + prefix.toUpperCase() + "-%'"))).containsExactly(a, b);
            assertThat(names(search("name LIKE '" + prefix + "-%' AND tags.team = 'risk'"))).containsExactly(a);
            assertThat(names(search("name LIKE '" + prefix + "-%' and tag.`team` != 'risk'"))).containsExactly(b);
            // what MLflow 3's client adds to every model search: a model without the tag matches
            assertThat(names(search("name LIKE '" + prefix + "-%' AND tags.`mlflow.prompt.is_prompt` != 'true'")))
                    .containsExactly(a, b);
        }

        @Test
        void pagesFollowNextPageTokenAndOrderBy() {
            String prefix = uniqueName("mlf-page");
            for (String suffix : List.of("c", "a", "b")) {
                ok("POST", "registered-models/create", Map.of("name", prefix + "-" + suffix));
            }
            Map<String, Object> params = new LinkedHashMap<>(Map.of("filter", "name LIKE '" + prefix + "-%'",
                    "max_results", 2, "order_by", List.of("name DESC")));
            JsonNode first = ok(as("carla"), "GET", "registered-models/search", params);
            assertThat(names(first)).containsExactly(prefix + "-c", prefix + "-b");
            params.put("page_token", first.path("next_page_token").asString());
            JsonNode second = ok(as("carla"), "GET", "registered-models/search", params);
            assertThat(names(second)).containsExactly(prefix + "-a");
            assertThat(second.has("next_page_token")).isFalse();
        }

        @Test
        void badSearchesAreInvalidParameterValues() {
            assertError(call(as("carla"), "GET", "registered-models/search", Map.of("filter", "name = 'a' OR name = 'b'")),
                    400, "INVALID_PARAMETER_VALUE", "OR");
            assertError(call(as("carla"), "GET", "registered-models/search", Map.of("filter", "owner = 'x'")),
                    400, "INVALID_PARAMETER_VALUE", "owner");
            assertError(call(as("carla"), "GET", "registered-models/search", Map.of("max_results", 0)),
                    400, "INVALID_PARAMETER_VALUE", "max_results");
            assertError(call(as("carla"), "GET", "registered-models/search", Map.of("page_token", "%%%")),
                    400, "INVALID_PARAMETER_VALUE", "page_token");
            assertError(call(as("carla"), "GET", "registered-models/search", Map.of("order_by", "owner ASC")),
                    400, "INVALID_PARAMETER_VALUE", "owner");
        }

        @Test
        void versionsAreFoundByModelRunAndNumber() {
            String name = createModel("mlf-vsrch", Map.of());
            int v1 = completeVersion(name);
            int v2 = createVersion(name, Map.of("candidate", "yes"));
            JsonNode all = ok(as("carla"), "GET", "model-versions/search", Map.of("filter", "name = '" + name + "'",
                    "order_by", List.of("version_number ASC")));
            assertThat(versions(all)).containsExactly(String.valueOf(v1), String.valueOf(v2));
            JsonNode tagged = ok(as("carla"), "GET", "model-versions/search", Map.of("filter", "name = '" + name
                    + "' AND tags.candidate = 'yes'"));
            assertThat(versions(tagged)).containsExactly(String.valueOf(v2));
            JsonNode byRun = ok(as("carla"), "GET", "model-versions/search", Map.of("filter", "run_id = 'run-" + name
                    + "' AND version_number > 1"));
            assertThat(versions(byRun)).containsExactly(String.valueOf(v2));
            JsonNode paged = ok(as("carla"), "GET", "model-versions/search", Map.of("filter", "name = '" + name + "'",
                    "max_results", 1));
            assertThat(paged.path("model_versions").size()).isEqualTo(1);
            assertThat(paged.path("next_page_token").asString()).isNotEmpty();
        }

        private JsonNode search(String filter) {
            return ok(as("carla"), "GET", "registered-models/search", Map.of("filter", filter));
        }

        private List<String> names(JsonNode page) {
            List<String> names = new ArrayList<>();
            page.path("registered_models").forEach(m -> names.add(m.path("name").asString()));
            return names;
        }

        private List<String> versions(JsonNode page) {
            List<String> versions = new ArrayList<>();
            page.path("model_versions").forEach(m -> versions.add(m.path("version").asString()));
            return versions;
        }
    }

    // ---- model versions ----

    @Nested
    class ModelVersions {

        @Test
        void aVersionWithoutEvidenceIsRegisteredAndShownByBothDoors() {
            String name = createModel("mlf-ver", Map.of());
            JsonNode created = ok("POST", "model-versions/create", Map.of("name", name, "source", "s3://b/m",
                    "run_id", "abc123", "run_link", "https://mlflow.example/runs/abc123", "description", "first",
                    "tags", tagList(Map.of("stage", "candidate")))).path("model_version");
            assertThat(created.path("version").isString()).isTrue();
            assertThat(created.path("version").asString()).isEqualTo("1");
            assertThat(created.path("current_stage").asString()).isEqualTo("None");
            assertThat(created.path("status").asString()).isEqualTo("READY");
            assertThat(created.path("run_id").asString()).isEqualTo("abc123");
            assertThat(created.path("user_id").asString()).isEqualTo("alice");

            JsonNode native1 = as("carla").get("/api/v1/models/" + name + "/versions/1").json();
            assertThat(native1.path("artifactUri").asString()).isEqualTo("s3://b/m");
            assertThat(native1.path("trainingRun").path("id").asString()).isEqualTo("abc123");
            assertThat(native1.path("missingEvidence").toString()).contains("artifactDigest", "framework");
            assertError(call(as("alice"), "POST", "model-versions/create", Map.of("name", "no-such-model-x2",
                    "source", "s3://b/m")), 404, "RESOURCE_DOES_NOT_EXIST", "no-such-model-x2");
            assertError(call(as("alice"), "POST", "model-versions/create", Map.of("name", name, "source", "s3://b/m",
                    "tags", tagList(Map.of(MlflowViews.DIGEST_TAG, "md5:1")))), 400, "INVALID_PARAMETER_VALUE",
                    "artifactDigest");
        }

        @Test
        void evidenceIsCompletedOnceThroughItsTags() {
            String name = createModel("mlf-evid", Map.of());
            int version = createVersion(name, Map.of());
            ok("POST", "model-versions/set-tag", Map.of("name", name, "version", String.valueOf(version),
                    "key", MlflowViews.DIGEST_TAG, "value", DIGEST));
            ok("POST", "model-versions/set-tag", Map.of("name", name, "version", String.valueOf(version),
                    "key", MlflowViews.FRAMEWORK_TAG, "value", "xgboost"));
            JsonNode shown = ok(as("carla"), "GET", "model-versions/get", Map.of("name", name,
                    "version", String.valueOf(version))).path("model_version");
            assertThat(shown.path("tags").toString()).contains(DIGEST, "xgboost");
            assertError(call(as("alice"), "POST", "model-versions/set-tag", Map.of("name", name,
                    "version", String.valueOf(version), "key", MlflowViews.DIGEST_TAG, "value",
                    "sha256:" + "f".repeat(64))), 409, "INVALID_STATE", "never changes");
            assertError(call(as("alice"), "DELETE", "model-versions/delete-tag", Map.of("name", name,
                    "version", String.valueOf(version), "key", MlflowViews.FRAMEWORK_TAG)), 409, "INVALID_STATE",
                    "never changes");
        }

        @Test
        void tagsAndDescriptionBesideTheEvidence() {
            String name = createModel("mlf-vtag", Map.of());
            int version = createVersion(name, Map.of("origin", "pipeline"));
            String v = String.valueOf(version);
            ok("POST", "model-versions/set-tag", Map.of("name", name, "version", v, "key", "qa", "value", "passed"));
            ok("PATCH", "model-versions/update", Map.of("name", name, "version", v, "description", "calibrated"));
            JsonNode shown = ok(as("carla"), "GET", "model-versions/get", Map.of("name", name, "version", v))
                    .path("model_version");
            assertThat(shown.path("description").asString()).isEqualTo("calibrated");
            assertThat(shown.path("tags").toString()).contains("qa", "passed", "origin");
            ok("DELETE", "model-versions/delete-tag", Map.of("name", name, "version", v, "key", "qa"));
            assertError(call(as("alice"), "POST", "model-versions/set-tag", Map.of("name", name, "version", v,
                    "key", "origin", "value", "hand")), 409, "INVALID_STATE", "registered with its evidence");
            assertError(call(as("alice"), "GET", "model-versions/get", Map.of("name", name, "version", "x")), 400,
                    "INVALID_PARAMETER_VALUE", "'version'");
            assertError(call(as("alice"), "GET", "model-versions/get", Map.of("name", name, "version", "99")), 404,
                    "RESOURCE_DOES_NOT_EXIST", "version=99");
        }

        @Test
        void deleteIsRefusedAndArchivedStageArchives() {
            String name = createModel("mlf-arch", Map.of());
            String v = String.valueOf(createVersion(name, Map.of()));
            assertError(call(as("alice"), "DELETE", "model-versions/delete", Map.of("name", name, "version", v)), 409,
                    "INVALID_STATE", "Archived");
            assertThat(ok(as("carla"), "GET", "model-versions/get-download-uri", Map.of("name", name, "version", v))
                    .path("artifact_uri").asString()).isEqualTo("s3://ml-artifacts/" + name + "/model");
            JsonNode archived = ok("POST", "model-versions/transition-stage", Map.of("name", name, "version", v,
                    "stage", "archived", "archive_existing_versions", false)).path("model_version");
            assertThat(archived.path("current_stage").asString()).isEqualTo("Archived");
            assertThat(as("carla").get("/api/v1/models/" + name + "/versions/" + v).json().path("status").asString())
                    .isEqualTo("ARCHIVED");
            assertError(call(as("carla"), "GET", "model-versions/get-download-uri", Map.of("name", name, "version", v)),
                    409, "INVALID_STATE", "archived");
            assertError(call(as("alice"), "POST", "model-versions/transition-stage", Map.of("name", name, "version", v,
                    "stage", "None")), 409, "INVALID_STATE", "never used again");
            assertError(call(as("alice"), "POST", "model-versions/transition-stage", Map.of("name", name, "version", v,
                    "stage", "Canary")), 400, "INVALID_PARAMETER_VALUE", "Canary");
        }
    }

    // ---- aliases and stages: governance behind them ----

    @Nested
    class Governance {

        @Test
        void freeAliasesAreLabels() {
            String name = createModel("mlf-alias", Map.of());
            String v = String.valueOf(createVersion(name, Map.of()));
            ok("POST", "registered-models/alias", Map.of("name", name, "alias", "challenger", "version", v));
            JsonNode byAlias = ok(as("carla"), "GET", "registered-models/alias", Map.of("name", name,
                    "alias", "challenger")).path("model_version");
            assertThat(byAlias.path("version").asString()).isEqualTo(v);
            assertThat(byAlias.path("aliases").toString()).contains("challenger");
            JsonNode model = ok(as("carla"), "GET", "registered-models/get", Map.of("name", name)).path("registered_model");
            assertThat(model.path("aliases").toString()).contains("\"alias\":\"challenger\"", "\"version\":\"" + v + "\"");
            ok("DELETE", "registered-models/alias", Map.of("name", name, "alias", "challenger"));
            assertError(call(as("carla"), "GET", "registered-models/alias", Map.of("name", name, "alias", "challenger")),
                    400, "INVALID_PARAMETER_VALUE", "alias challenger not found");
        }

        @Test
        void productionNeedsApprovalAndFullEvidenceThenServes() {
            String name = createModel("mlf-gov", Map.of("registry.risk_tier", "HIGH"));
            int incomplete = createVersion(name, Map.of());
            Api.Response refused = call(as("alice"), "POST", "registered-models/alias", Map.of("name", name,
                    "alias", "production", "version", String.valueOf(incomplete)));
            assertError(refused, 409, "INVALID_STATE", "rule not-approved");
            assertThat(refused.json().path("message").asString()).contains("/api/v1/models/" + name + "/promotions");
            Api.Response nativeRefusal = requestPromotion(as("alice"), name, incomplete, PRODUCTION);
            assertThat(nativeRefusal.status()).as("%s", nativeRefusal).isEqualTo(409);
            assertThat(nativeRefusal.json().path("rule").asString()).isEqualTo("evidence-incomplete");

            int complete = completeVersion(name);
            grantProduction(name, complete, "HIGH");
            ok("POST", "registered-models/alias", Map.of("name", name, "alias", "production",
                    "version", String.valueOf(complete)));

            JsonNode champion = ok(as("carla"), "GET", "registered-models/alias", Map.of("name", name,
                    "alias", "production")).path("model_version");
            assertThat(champion.path("version").asString()).isEqualTo(String.valueOf(complete));
            assertThat(champion.path("current_stage").asString()).isEqualTo("Production");
            JsonNode serving = as("carla").get("/api/v1/models/" + name + "/environments/production").json();
            assertThat(serving.path("champion").path("version").asInt()).isEqualTo(complete);
            JsonNode latest = ok(as("carla"), "GET", "registered-models/get-latest-versions", Map.of("name", name,
                    "stages", List.of("Production"))).path("model_versions");
            assertThat(latest.get(0).path("version").asString()).isEqualTo(String.valueOf(complete));
            assertError(call(as("alice"), "DELETE", "registered-models/alias", Map.of("name", name,
                    "alias", "production")), 409, "INVALID_STATE", "cannot be withdrawn");
            assertThat(as("carla").get("/api/v1/audit?model=" + name).json().toString()).contains("RolloutCompleted");
        }

        @Test
        void stagingStagesWithoutApprovalAndArchiveExistingVersionsArchivesTheReplacedOne() {
            String name = createModel("mlf-stage", Map.of());
            String v1 = String.valueOf(createVersion(name, Map.of()));
            String v2 = String.valueOf(createVersion(name, Map.of()));
            JsonNode staged = ok("POST", "model-versions/transition-stage", Map.of("name", name, "version", v1,
                    "stage", "Staging", "archive_existing_versions", false)).path("model_version");
            assertThat(staged.path("current_stage").asString()).isEqualTo("Staging");
            ok("POST", "model-versions/transition-stage", Map.of("name", name, "version", v2, "stage", "staging",
                    "archive_existing_versions", true));
            JsonNode latest = ok(as("carla"), "POST", "registered-models/get-latest-versions", Map.of("name", name))
                    .path("model_versions");
            assertThat(latest.toString()).contains("\"version\":\"" + v2 + "\",", "\"current_stage\":\"Staging\"",
                    "\"current_stage\":\"Archived\"");
            assertThat(ok(as("carla"), "GET", "registered-models/alias", Map.of("name", name, "alias", "staging"))
                    .path("model_version").path("version").asString()).isEqualTo(v2);
            assertError(call(as("alice"), "POST", "model-versions/transition-stage", Map.of("name", name, "version", v2,
                    "stage", "None")), 409, "INVALID_STATE", "cannot be withdrawn");
        }
    }

    // ---- who may do what ----

    @Nested
    class Security {

        @Test
        void anonymousCallersAreUnauthenticatedInMlflowsShape() {
            assertError(call(anonymous(), "GET", "registered-models/search", Map.of()), 401, "CUSTOMER_UNAUTHORIZED", "Sign in");
            assertError(call(Api.basic(port, "alice", "wrong"), "GET", "registered-models/search", Map.of()), 401,
                    "CUSTOMER_UNAUTHORIZED", "Sign in");
        }

        @Test
        void readersReadAndOnlyEngineersChange() {
            String name = createModel("mlf-roles", Map.of());
            String v = String.valueOf(createVersion(name, Map.of()));
            Api reader = withToken(tokens.issue(uniqueName("mlf-reader"), Set.of(Role.READER), "alice",
                    Instant.now().plusSeconds(600), "test").secret());
            Api pipeline = withToken(tokens.issue(uniqueName("mlf-pipeline"), Set.of(Role.ML_ENGINEER), "bob",
                    Instant.now().plusSeconds(600), "test").secret());
            ok(reader, "GET", "registered-models/get", Map.of("name", name));
            ok(reader, "GET", "model-versions/get-download-uri", Map.of("name", name, "version", v));
            for (Api refused : List.of(reader, as("rita"), as("carla"), as("adam"))) {
                assertError(call(refused, "POST", "registered-models/create", Map.of("name", uniqueName("mlf-no"))),
                        403, "PERMISSION_DENIED", "");
                assertError(call(refused, "POST", "registered-models/alias", Map.of("name", name, "alias", "x",
                        "version", v)), 403, "PERMISSION_DENIED", "");
                assertError(call(refused, "POST", "model-versions/transition-stage", Map.of("name", name, "version", v,
                        "stage", "Archived")), 403, "PERMISSION_DENIED", "");
            }
            JsonNode byToken = ok(pipeline, "POST", "model-versions/create", Map.of("name", name, "source", "s3://b/t"))
                    .path("model_version");
            assertThat(byToken.path("user_id").asString()).as("the actor is the token, as in /api/v1")
                    .startsWith("token:mlf-pipeline-");
        }

        @Test
        void theTrackingApiIsNotServed() {
            assertError(call(as("alice"), "GET", "experiments/get-by-name", Map.of("experiment_name", "x")), 404,
                    "ENDPOINT_NOT_FOUND", "");
        }
    }
}
