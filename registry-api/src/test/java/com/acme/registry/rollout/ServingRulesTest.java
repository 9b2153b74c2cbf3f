package com.acme.registry.rollout;

import com.acme.registry.support.GovernanceIntegrationTest;
import com.acme.registry.promotion.PromotionApproved;
import com.acme.registry.promotion.PromotionRejected;

import com.acme.registry.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules that keep odd serving states out (docs/reliability-rules.md), through the real HTTP API: retiring or
 * archiving what serves, a retired model's rollouts, a first rollout below 100 %, and how instants are read.
 */
class ServingRulesTest extends GovernanceIntegrationTest {

    // ---- retirement and archival of what serves ----

    @Test
    void retiringAModelThatServesIsRefusedNamingTheEnvironmentAndChangesNothing() {
        String model = createModel("rules-retire", "LOW");
        int v1 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        makeChampion(model, PRODUCTION, v1);

        JsonNode problem = assertRule(retire(model, null), "serving-in-environment");

        assertThat(texts(problem.path("environments"))).containsExactly(PRODUCTION);
        assertThat(problem.path("detail").asString()).contains("still serves in production (v" + v1 + " champion)")
                .contains("whileServing");
        assertThat(as("carla").get(modelPath(model)).json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(auditActions(model)).doesNotContain("ModelRetired");
    }

    @Test
    void retiringWhileServingOnPurposeIsRecordedWithTheEnvironmentsInTheAuditLog() {
        String model = createModel("rules-retire-flag", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        makeChampion(model, PRODUCTION, v1);
        startRolloutOk(model, STAGING, v2, 100);

        Api.Response retired = retire(model, true);

        assertThat(retired.status()).as("%s", retired).isEqualTo(200);
        assertThat(retired.json().path("status").asString()).isEqualTo("RETIRED");
        JsonNode record = auditRecord(model, "ModelRetired");
        assertThat(record.path("details").asString()).contains("\"servingEnvironments\":[\"production\",\"staging\"]");
        assertThat(serving(model, PRODUCTION).path("champion").path("version").asInt())
                .as("retiring records a decision; it does not pretend the serving systems stopped").isEqualTo(v1);
    }

    @Test
    void aRetiredModelTakesNoTrafficChangeOrCompletionButItsRolloutMayBeAborted() {
        String model = createModel("rules-retired-rollout", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        makeChampion(model, STAGING, v1);
        startRolloutOk(model, STAGING, v2, 10);
        assertThat(retire(model, true).status()).isEqualTo(200);

        assertThat(assertRule(traffic(as("alice"), model, STAGING, 50), "model-retired").path("detail").asString())
                .contains("cannot change rollout traffic");
        assertRule(complete(as("alice"), model, STAGING), "model-retired");
        assertThat(serving(model, STAGING).path("candidate").path("trafficPercent").asInt())
                .as("nothing changed").isEqualTo(10);

        JsonNode aborted = ok(abort(as("alice"), model, STAGING, "model retired; stop the canary"));
        assertThat(aborted.path("candidate").isMissingNode()).isTrue();
        assertThat(aborted.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
    }

    @Test
    void aRetiredModelThatStillServesMayBeRolledBack() {
        String model = createModel("rules-retired-rollback", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        makeChampion(model, STAGING, v1);
        makeChampion(model, STAGING, v2);
        assertThat(retire(model, true).status()).isEqualTo(200);

        JsonNode restored = ok(rollBack(as("alice"), model, STAGING, "v2 misbehaves"));

        assertThat(restored.path("champion").path("version").asInt()).isEqualTo(v1);
    }

    @Test
    void archivingTheProductionChampionOrARolloutCandidateIsRefusedNamingTheEnvironment() {
        String model = createModel("rules-archive", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        makeChampion(model, PRODUCTION, v1);
        startRolloutOk(model, STAGING, v2, 100);

        JsonNode champion = assertRule(archive(model, v1), "serving-in-environment");
        assertThat(texts(champion.path("environments"))).containsExactly(PRODUCTION);
        assertThat(champion.path("detail").asString()).contains("serves in production (champion)");
        JsonNode candidate = assertRule(archive(model, v2), "serving-in-environment");
        assertThat(texts(candidate.path("environments"))).containsExactly(STAGING);
        assertThat(as("carla").get(modelPath(model) + "/versions/" + v1).json().path("status").asString())
                .isEqualTo("REGISTERED");

        ok(abort(as("alice"), model, STAGING, "not needed"));
        assertThat(archive(model, v2).status()).as("no longer serves anywhere").isEqualTo(200);
    }

    // ---- a first rollout below 100 % ----

    @Test
    void aFirstRolloutBelowAHundredPercentSaysThatNoRegisteredVersionServesTheRest() {
        String model = createModel("rules-first-canary", "LOW");
        int v1 = registerVersion(model);

        JsonNode started = startRolloutOk(model, STAGING, v1, 10);

        assertThat(started.path("serving").asBoolean()).isTrue();
        assertThat(started.path("champion").isMissingNode()).isTrue();
        assertThat(started.path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
        assertThat(started.path("unassignedTrafficPercent").asInt()).isEqualTo(90);
        JsonNode then = as("carla").get(environment(model, STAGING) + "?asOf=" + Instant.now()).json();
        assertThat(then.path("unassignedTrafficPercent").asInt()).as("the point-in-time view agrees").isEqualTo(90);

        JsonNode full = ok(traffic(as("alice"), model, STAGING, 100));
        assertThat(full.has("unassignedTrafficPercent")).isFalse();
        assertThat(serving(model, PRODUCTION).has("unassignedTrafficPercent")).as("nothing serves").isFalse();
    }

    // ---- instants ----

    @Test
    void asOfInTheFutureIsABadRequestNamingAsOf() {
        String model = createModel("rules-future", "LOW");
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();

        assertThat(assertInvalidField(as("carla").get(environment(model, STAGING) + "?asOf=" + tomorrow), "asOf")
                .path("detail").asString()).contains("must not be in the future");
        assertInvalidField(as("carla").get("/api/v1/compliance/inventory?asOf=" + tomorrow), "asOf");
        assertInvalidField(as("carla").get("/api/v1/compliance/inventory?asOf=2999-01-01"), "asOf");
        assertInvalidField(as("carla").get(environment(model, STAGING) + "?asOf=soon"), "asOf");
    }

    @Test
    void aPlainDateMeansItsStartInUtc() {
        String model = createModel("rules-date", "LOW");
        int v1 = registerVersion(model);
        startRolloutOk(model, STAGING, v1, 100);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant().toString();

        JsonNode thenServing = as("carla").get(environment(model, STAGING) + "?asOf=" + today).json();
        assertThat(thenServing.path("asOf").asString()).isEqualTo(midnight);
        assertThat(thenServing.path("serving").asBoolean()).as("registered after midnight").isFalse();
        assertThat(as("carla").get(environment(model, STAGING) + "?asOf=" + Instant.now()).json()
                .path("serving").asBoolean()).isTrue();

        JsonNode inventory = as("carla").get("/api/v1/compliance/inventory?asOf=" + today).json();
        assertThat(inventory.path("asOf").asString()).isEqualTo(midnight);
    }

    @Test
    void periodsTakeDatesAndMayEndInTheFuture() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String nextYear = today.plusYears(1).toString();

        Api.Response releases = as("carla").get("/api/v1/compliance/releases?from=" + today + "&to=" + nextYear);
        assertThat(releases.status()).as("%s", releases).isEqualTo(200);
        Api.Response audit = as("carla").get("/api/v1/audit?from=" + today + "&to=" + nextYear);
        assertThat(audit.status()).as("%s", audit).isEqualTo(200);
        assertThat(audit.json().path("totalItems").asInt()).isPositive();
        Api.Response tomorrowOn = as("carla").get("/api/v1/audit?from=" + today.plusDays(1));
        assertThat(tomorrowOn.json().path("totalItems").asInt()).as("nothing happened yet").isZero();

        assertInvalidField(as("carla").get("/api/v1/audit?from=noon"), "from");
        assertInvalidField(as("carla").get("/api/v1/audit/export?to=2026-02-30"), "to");
        assertInvalidField(as("carla").get("/api/v1/compliance/releases?from=" + today + "&to=later"), "to");
    }

    // ---- audit records of decisions that name their subject by number ----

    @Test
    void approvalRejectionAndAcknowledgementRecordsCarryVersionAndEnvironment() {
        String model = createModel("rules-audit", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        int rejected = request(model, v2, PRODUCTION);
        assertThat(as("rita").post(promotion(model, rejected) + "/rejection", Map.of("reason", "thin evidence"))
                .status()).isEqualTo(200);
        grantProduction(model, v2, "LOW");
        makeChampion(model, PRODUCTION, v1);
        makeChampion(model, PRODUCTION, v2);
        ok(rollBack(as("alice"), model, PRODUCTION, "v2 misbehaves"));
        assertThat(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement",
                Map.of("comment", "right call")).status()).isEqualTo(200);

        List<JsonNode> approvals = auditRecords(model, "PromotionApproved");
        assertThat(approvals).hasSize(2);
        assertThat(approvals).extracting(r -> r.path("version").asInt()).containsExactly(v1, v2);
        assertThat(approvals).allSatisfy(r -> assertThat(r.path("environment").asString()).isEqualTo(PRODUCTION));
        JsonNode rejection = auditRecord(model, "PromotionRejected");
        assertThat(rejection.path("version").asInt()).isEqualTo(v2);
        assertThat(rejection.path("environment").asString()).isEqualTo(PRODUCTION);
        JsonNode acknowledgement = auditRecord(model, "RollbackAcknowledged");
        assertThat(acknowledgement.path("version").asInt()).as("the restored version").isEqualTo(v1);
        assertThat(acknowledgement.path("environment").asString()).isEqualTo(PRODUCTION);
        assertThat(as("carla").get("/api/v1/audit/verification").json().path("valid").asBoolean()).isTrue();
    }

    // ---- helpers ----

    private Api.Response retire(String model, Boolean whileServing) {
        return as("alice").post(modelPath(model) + "/retirement", whileServing == null ? Map.of("reason", "replaced")
                : Map.of("reason", "replaced", "whileServing", whileServing));
    }

    private Api.Response archive(String model, int version) {
        return as("alice").post(modelPath(model) + "/versions/" + version + "/archival", Map.of("reason", "leaky"));
    }

    private List<JsonNode> auditRecords(String model, String action) {
        Api.Response page = as("carla").get("/api/v1/audit?model=" + model + "&action=" + action + "&size=100");
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        return items(page.json());
    }

    private JsonNode auditRecord(String model, String action) {
        List<JsonNode> records = auditRecords(model, action);
        assertThat(records).as("%s records of %s", action, model).hasSize(1);
        return records.get(0);
    }

    private List<String> auditActions(String model) {
        return items(as("carla").get("/api/v1/audit?model=" + model + "&size=100").json()).stream()
                .map(r -> r.path("action").asString()).toList();
    }
}
