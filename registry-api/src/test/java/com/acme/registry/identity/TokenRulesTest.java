package com.acme.registry.identity;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static com.acme.registry.support.ProblemAssertions.assertForbidden;
import static com.acme.registry.support.ProblemAssertions.assertInvalidField;
import static com.acme.registry.support.ProblemAssertions.assertProblem;
import static com.acme.registry.support.ProblemAssertions.assertUnauthenticated;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a token may hold and whom it acts for: machine roles only, an owning person whose roles bound the token's and
 * whose account decides whether it is usable, a name unique forever, segregation of duties treating the token as its
 * owner, and a record of every issue and revocation.
 */
class TokenRulesTest extends IntegrationTest {

    private static final String TOKENS = "/api/v1/admin/tokens";
    private static final String PASSWORD = "tokens-owner-passphrase-9";

    @Autowired
    UserAccounts accounts;


    private Api.Response issue(String name, List<String> roles, String owner) {
        return as("adam").post(TOKENS, Map.of("name", name, "roles", roles, "owner", owner, "validDays", 30));
    }

    private String secretOf(Api.Response issued) {
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        return issued.json().path("secret").asString();
    }

    /** A new person with the given roles (password {@link #PASSWORD}). */
    private String person(String prefix, Role... roles) {
        String username = uniqueName(prefix);
        assertThat(accounts.create(username, PASSWORD, Set.of(roles), "adam")).isTrue();
        return username;
    }

    private int tokenCount() {
        return jdbc.queryForObject("SELECT count(*) FROM api_token", Integer.class);
    }

    // ---- human-only roles ----

    @ParameterizedTest
    @ValueSource(strings = {"RISK_REVIEWER", "COMPLIANCE", "ADMIN"})
    void noTokenHoldsAHumanRole(String role) {
        int before = tokenCount();

        Api.Response refused = issue(uniqueName("human"), List.of("READER", role), "adam");

        assertInvalidField(refused, "roles");
        assertThat(refused.json().path("errors").get(0).path("message").asString())
                .contains("machine roles only").contains(role);
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void aStoredReviewerTokenCannotApprove() {
        // as a registry before issue 13 stored it, owned by a reviewer: the filter grants no human role
        String secret = "mrt_" + UUID.randomUUID().toString().replace("-", "") + "reviewer-row";
        jdbc.update("INSERT INTO api_token (id, name, token_hash, roles, owner, created_by, expires_at) VALUES "
                + "(?, ?, ?, ARRAY['RISK_REVIEWER', 'READER']::varchar[], 'rita', 'adam', now() + interval '1 day')",
                UUID.randomUUID(), uniqueName("stored-reviewer"), ApiTokens.sha256(secret));
        String model = pendingHighRiskRequestByAlice();
        String approvals = "/api/v1/models/" + model + "/promotions/1/approvals";

        assertForbidden(withToken(secret).post(approvals, Map.of("comment", "machine approval")), "POST", approvals);

        JsonNode request = as("rita").get("/api/v1/models/" + model + "/promotions/1").json();
        assertThat(request.path("approvals").size()).isZero();
        assertThat(withToken(secret).get("/api/v1/me").json().path("roles").toString()).isEqualTo("[\"READER\"]");
    }

    // ---- owners ----

    @Test
    void aTokenMayHoldOnlyRolesItsOwnerHoldsButReaderAlways() {
        String reader = person("reader-owner", Role.COMPLIANCE);

        assertInvalidField(issue(uniqueName("beyond-owner"), List.of("ML_ENGINEER"), reader), "roles");
        assertThat(issue(uniqueName("reader-of-compliance"), List.of("READER"), reader).status()).isEqualTo(201);
        assertThat(issue(uniqueName("alices-pipeline"), List.of("ML_ENGINEER", "READER"), "alice").status())
                .isEqualTo(201);
    }

    @Test
    void aDisabledPersonOwnsNoNewToken() {
        String gone = person("gone", Role.ML_ENGINEER);
        accounts.setEnabled(gone, false, "adam");

        assertInvalidField(issue(uniqueName("of-disabled"), List.of("READER"), gone), "owner");
    }

    @Test
    void aDisabledOwnersTokenIsRefusedFromTheChangeOn() {
        String owner = person("owner", Role.ML_ENGINEER);
        Api token = withToken(secretOf(issue(uniqueName("owned"), List.of("ML_ENGINEER"), owner)));
        assertThat(token.get("/api/v1/me").status()).as("known, so remembered").isEqualTo(200);

        accounts.setEnabled(owner, false, "adam"); // publishes AccountChanged after commit

        assertUnauthenticated(token.get("/api/v1/me"));
        assertUnauthenticated(token.get("/api/v1/models"));

        accounts.setEnabled(owner, true, "adam"); // publishes AccountChanged after commit
        assertThat(token.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void anOwnerDisabledThroughTheAdminApiStopsTheirTokensAtOnce() {
        String owner = person("api-owner", Role.ML_ENGINEER);
        Api token = withToken(secretOf(issue(uniqueName("api-owned"), List.of("READER"), owner)));
        assertThat(token.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(as("adam").put("/api/v1/admin/users/" + owner + "/enabled", Map.of("enabled", false)).status())
                .isEqualTo(200);

        assertUnauthenticated(token.get("/api/v1/me"));
    }

    @Test
    void aTokenLosesARoleItsOwnerLoses() {
        String owner = person("demoted", Role.ML_ENGINEER);
        Api token = withToken(secretOf(issue(uniqueName("demoted-pipeline"), List.of("ML_ENGINEER", "READER"), owner)));
        String model = uniqueName("demoted-model");
        assertThat(token.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);

        accounts.replaceRoles(owner, Set.of(Role.COMPLIANCE), "adam"); // publishes AccountChanged after commit

        assertForbidden(token.post("/api/v1/models/" + model + "/versions", Samples.version()),
                "POST", "/api/v1/models/" + model + "/versions");
        JsonNode me = token.get("/api/v1/me").json();
        assertThat(me.path("roles").toString()).isEqualTo("[\"READER\"]");
        assertThat(me.path("actingFor").asString()).isEqualTo(owner);
    }

    // ---- unique names ----

    @Test
    void aNameIsNeverIssuedTwiceNotEvenAfterRevocation() {
        String name = uniqueName("ci-pipeline");
        Api.Response first = issue(name, List.of("READER"), "adam");
        secretOf(first);
        int before = tokenCount();

        JsonNode taken = assertProblem(issue(name, List.of("READER"), "alice"), 409, "token-name-taken");
        assertThat(taken.path("rule").asString()).isEqualTo("token-name-taken");
        assertThat(taken.path("detail").asString()).contains(name);

        String id = first.json().path("token").path("id").asString();
        assertThat(as("adam").post(TOKENS + "/" + id + "/revocation", null).status()).isEqualTo(200);
        assertProblem(issue(name, List.of("READER"), "adam"), 409, "token-name-taken");
        assertThat(tokenCount()).isEqualTo(before);
    }

    @Test
    void namesDifferingOnlyInLetterCaseAreTheSameName() {
        // names from before issue 13 may have upper-case letters; a new lower-case one may not shadow them
        String legacy = "Legacy-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.update("INSERT INTO api_token (id, name, token_hash, roles, owner, created_by, expires_at, revoked_at) "
                + "VALUES (?, ?, ?, ARRAY['READER']::varchar[], 'adam', 'adam', now() + interval '1 day', now())",
                UUID.randomUUID(), legacy, ApiTokens.sha256("mrt_" + legacy));

        assertProblem(issue(legacy.toLowerCase(), List.of("READER"), "adam"), 409, "token-name-taken");
        assertInvalidField(issue(legacy.toUpperCase(), List.of("READER"), "adam"), "name");
    }

    // ---- acting for the owner; segregation of duties ----

    @Test
    void whatAPersonsTokenDidCountsAsTheirsForSegregationOfDuties() {
        String ursula = person("ursula", Role.ML_ENGINEER, Role.RISK_REVIEWER);
        String pipelineName = uniqueName("ursula-pipeline");
        Api pipeline = withToken(secretOf(issue(pipelineName, List.of("ML_ENGINEER"), ursula)));
        JsonNode me = pipeline.get("/api/v1/me").json();
        assertThat(me.path("name").asString()).isEqualTo("token:" + pipelineName);
        assertThat(me.path("actingFor").asString()).isEqualTo(ursula);

        String model = uniqueName("sod-by-token");
        Map<String, Object> body = Samples.model(model);
        body.put("riskTier", "MEDIUM");
        assertThat(as("alice").post("/api/v1/models", body).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                .isEqualTo(201);
        Api.Response requested = pipeline.post("/api/v1/models/" + model + "/promotions", Map.of("version", 1,
                "environment", "production", "justification", "Nightly pipeline release",
                "validationReportUri", "https://reports.internal/1"));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        assertThat(requested.json().path("requestedBy").asString()).isEqualTo("token:" + pipelineName);
        String approvals = "/api/v1/models/" + model + "/promotions/1/approvals";

        JsonNode refused = assertProblem(Api.basic(port, ursula, PASSWORD).post(approvals,
                Map.of("comment", "my own pipeline's request")), 403, "segregation-of-duties");
        assertThat(refused.path("detail").asString()).contains(ursula).contains("token:" + pipelineName);

        Api.Response approved = as("rita").post(approvals, Map.of("comment", "Validation report reviewed"));
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.json().path("status").asString()).isEqualTo("GRANTED");

        eventually(Duration.ofSeconds(10), () -> assertThat(jdbc.queryForObject(
                "SELECT details FROM audit_record WHERE model = ? AND action = 'PromotionRequested'", String.class,
                model)).contains("\"actingFor\":\"" + ursula + "\""));
        assertThat(jdbc.queryForObject("SELECT actor FROM audit_record WHERE model = ? AND action = "
                + "'PromotionRequested'", String.class, model)).isEqualTo("token:" + pipelineName);
    }

    @Test
    void aRevokedTokenStillActsForItsOwnerInTheHistory() {
        String ursula = person("ulla", Role.ML_ENGINEER, Role.RISK_REVIEWER);
        Api.Response issued = issue(uniqueName("ulla-pipeline"), List.of("ML_ENGINEER"), ursula);
        Api pipeline = withToken(secretOf(issued));
        String model = uniqueName("sod-revoked");
        assertThat(pipeline.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(pipeline.post("/api/v1/models/" + model + "/versions", Samples.version()).status()).isEqualTo(201);
        assertThat(as("alice").post("/api/v1/models/" + model + "/promotions", Map.of("version", 1,
                "environment", "production", "justification", "Release", "validationReportUri",
                "https://reports.internal/1")).status()).isEqualTo(201);
        String id = issued.json().path("token").path("id").asString();
        assertThat(as("adam").post(TOKENS + "/" + id + "/revocation", null).status()).isEqualTo(200);

        assertProblem(Api.basic(port, ursula, PASSWORD).post("/api/v1/models/" + model + "/promotions/1/approvals",
                Map.of("comment", "registered by my old pipeline")), 403, "segregation-of-duties");
    }

    // ---- on the record ----

    @Test
    void issuingAndRevokingAreRecordedWithTheAdminAsActorAndNoSecret() throws Exception {
        String name = uniqueName("recorded");
        Api.Response issued = issue(name, List.of("ML_ENGINEER"), "alice");
        String secret = secretOf(issued);
        String id = issued.json().path("token").path("id").asString();
        String hash = ApiTokens.sha256(secret);
        assertThat(as("adam").post(TOKENS + "/" + id + "/revocation", null).status()).isEqualTo(200);

        List<Map<String, Object>> records = jdbc.queryForList("SELECT actor, action, details FROM audit_record "
                + "WHERE action IN ('ApiTokenIssued', 'ApiTokenRevoked') AND details LIKE ? ORDER BY sequence",
                "%" + id + "%");

        assertThat(records).extracting(r -> r.get("action")).containsExactly("ApiTokenIssued", "ApiTokenRevoked");
        assertThat(records).extracting(r -> r.get("actor")).containsOnly("adam");
        JsonNode issuedDetails = Api.JSON.readTree((String) records.get(0).get("details"));
        assertThat(issuedDetails.path("tokenId").asString()).isEqualTo(id);
        assertThat(issuedDetails.path("name").asString()).isEqualTo(name);
        assertThat(issuedDetails.path("owner").asString()).isEqualTo("alice");
        assertThat(issuedDetails.path("roles").toString()).isEqualTo("[\"ML_ENGINEER\"]");
        assertThat(issuedDetails.path("expiresAt").asString())
                .isEqualTo(issued.json().path("token").path("expiresAt").asString());
        JsonNode revokedDetails = Api.JSON.readTree((String) records.get(1).get("details"));
        assertThat(revokedDetails.path("name").asString()).isEqualTo(name);
        assertThat(revokedDetails.path("owner").asString()).isEqualTo("alice");
        for (Map<String, Object> record : records) {
            assertThat((String) record.get("details")).doesNotContain(secret.substring(4)).doesNotContain(hash);
        }
    }

    @Test
    void aRefusedIssueIsNotRecorded() {
        String name = uniqueName("not-recorded");

        assertInvalidField(issue(name, List.of("ADMIN"), "adam"), "roles");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'ApiTokenIssued' "
                + "AND details LIKE ?", Integer.class, "%" + name + "%")).isZero();
    }

    private static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** A HIGH-tier model by alice, version 1 requested for production by alice, no approval yet. */
    private String pendingHighRiskRequestByAlice() {
        String model = uniqueName("tok-high");
        Api alice = as("alice");
        assertThat(alice.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/models/" + model + "/versions", Samples.version()).status()).isEqualTo(201);
        assertThat(alice.post("/api/v1/models/" + model + "/promotions", Map.of("version", 1, "environment",
                "production", "justification", "Release", "validationReportUri", "https://reports.internal/1"))
                .status()).isEqualTo(201);
        return model;
    }
}
