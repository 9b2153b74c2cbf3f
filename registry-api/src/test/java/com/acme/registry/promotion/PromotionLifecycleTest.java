package com.acme.registry.promotion;

import com.acme.registry.support.GovernanceIntegrationTest;

import com.acme.registry.support.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole way of a version to production through HTTP: promotion request, reviews per risk tier with segregation
 * of duties, rollout (canary, traffic, completion, abort), emergency rollback and its acknowledgement; staging
 * without approval; every refusal with its status, problem+json and rule. Every GET right after a write must
 * show the write.
 */
class PromotionLifecycleTest extends GovernanceIntegrationTest {

    // ---- approvals per risk tier ----

    @Test
    void aHighRiskReleaseNeedsTwoApprovalsFromDistinctReviewers() {
        String model = createModel("life-high", "HIGH");
        int version = registerVersion(model);
        Instant before = Instant.now();

        Api.Response created = requestPromotion(as("alice"), model, version, PRODUCTION);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(promotion(model, 1));
        JsonNode request = created.json();
        assertThat(request.path("modelName").asString()).isEqualTo(model);
        assertThat(request.path("requestNumber").asInt()).isEqualTo(1);
        assertThat(request.path("version").asInt()).isEqualTo(version);
        assertThat(request.path("environment").asString()).isEqualTo(PRODUCTION);
        assertThat(request.path("status").asString()).isEqualTo("PENDING");
        assertThat(request.path("requestedBy").asString()).isEqualTo("alice");
        assertThat(request.path("justification").asString()).startsWith("AUC up");
        assertThat(request.path("validationReportUri").asString()).isEqualTo(REPORT + version);
        assertThat(instant(request, "requestedAt")).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(request.path("policy").path("riskTier").asString()).isEqualTo("HIGH");
        assertThat(request.path("policy").path("approvalRequired").asBoolean()).isTrue();
        assertThat(request.path("policy").path("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(request.path("policy").path("approvalValidityDays").asInt()).isEqualTo(30);
        assertThat(request.path("approvals").size()).isZero();
        assertThat(request.path("approvalsStillNeeded").asInt()).isEqualTo(2);
        assertThat(absent(request, "grantedAt")).isTrue();
        assertThat(absent(request, "validUntil")).isTrue();
        assertThat(promotionView(model, 1)).as("read-your-writes").isEqualTo(request);

        assertInvalidField(as("rita").post(promotion(model, 1) + "/approvals", Map.of()), "comment");
        assertInvalidField(as("rita").post(promotion(model, 1) + "/approvals",
                Map.of("comment", "ok", "approvedBy", "ravi")), "approvedBy");
        assertThat(promotionView(model, 1)).as("refused approvals change nothing").isEqualTo(request);

        JsonNode afterRita = approveOk("rita", model, 1, "Backtest and stability reviewed");

        assertThat(afterRita.path("status").asString()).isEqualTo("PENDING");
        assertThat(approvers(afterRita)).containsExactly("rita");
        assertThat(afterRita.path("approvals").get(0).path("comment").asString())
                .isEqualTo("Backtest and stability reviewed");
        assertThat(afterRita.path("approvalsStillNeeded").asInt()).isEqualTo(1);
        assertThat(promotionView(model, 1)).as("read-your-writes").isEqualTo(afterRita);

        JsonNode notYet = assertRule(startRollout(as("alice"), model, PRODUCTION, version, 10), "not-approved");
        assertThat(notYet.path("detail").asString())
                .contains("needs 2 approvals from distinct risk reviewers; has 1 (rita)");
        assertThat(serving(model, PRODUCTION).path("serving").asBoolean()).isFalse();

        JsonNode twice = assertRule(approve(as("rita"), model, 1, "Once more"), "already-approved");
        assertThat(twice.path("detail").asString()).contains("rita");
        assertThat(approvers(promotionView(model, 1))).containsExactly("rita");

        JsonNode granted = approveOk("ravi", model, 1, "Fairness metrics within tolerance");

        assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
        assertThat(approvers(granted)).containsExactly("rita", "ravi");
        assertThat(granted.path("approvals").get(1).path("comment").asString())
                .isEqualTo("Fairness metrics within tolerance");
        assertThat(granted.path("approvalsStillNeeded").asInt()).isZero();
        Instant grantedAt = instant(granted, "grantedAt");
        assertThat(grantedAt).isBetween(before, Instant.now());
        assertThat(instant(granted, "validUntil"))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)))
                .isCloseTo(grantedAt.plus(Duration.ofDays(30)), within(Duration.ofSeconds(5)));
        assertThat(promotionView(model, 1)).as("read-your-writes").isEqualTo(granted);

        String third = createUser("reviewer", List.of("RISK_REVIEWER"));
        assertRule(approve(asUser(third), model, 1, "Late approval"), "request-closed");
        assertRule(as("rita").post(promotion(model, 1) + "/rejection", Map.of("reason", "too late")),
                "request-closed");
        assertThat(approvers(promotionView(model, 1))).containsExactly("rita", "ravi");

        JsonNode list = as("carla").get(promotions(model)).json();
        assertThat(list.path("totalItems").asInt()).isEqualTo(1);
        assertThat(items(list).get(0)).isEqualTo(granted);

        JsonNode started = startRolloutOk(model, PRODUCTION, version, 10);
        assertThat(started.path("candidate").path("version").asInt()).isEqualTo(version);
        assertThat(started.path("candidate").path("requestNumber").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MEDIUM", "LOW"})
    void aMediumOrLowRiskReleaseIsGrantedByOneApproval(String tier) {
        String model = createModel("life-" + tier.toLowerCase(), tier);
        int version = registerVersion(model);
        int number = request(model, version, PRODUCTION);

        JsonNode pending = promotionView(model, number);
        assertThat(pending.path("status").asString()).isEqualTo("PENDING");
        assertThat(pending.path("policy").path("riskTier").asString()).isEqualTo(tier);
        assertThat(pending.path("policy").path("requiredApprovals").asInt()).isEqualTo(1);
        assertThat(pending.path("approvalsStillNeeded").asInt()).isEqualTo(1);
        assertRule(startRollout(as("alice"), model, PRODUCTION, version, 10), "not-approved");

        JsonNode granted = approveOk("ravi", model, number, "One review suffices for " + tier);

        assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
        assertThat(approvers(granted)).containsExactly("ravi");
        assertThat(granted.path("approvalsStillNeeded").asInt()).isZero();
        assertThat(instant(granted, "validUntil"))
                .isCloseTo(Instant.now().plus(Duration.ofDays(30)), within(Duration.ofMinutes(1)));
        assertThat(promotionView(model, number)).isEqualTo(granted);
        assertRule(approve(as("rita"), model, number, "Second opinion"), "request-closed");

        JsonNode started = startRolloutOk(model, PRODUCTION, version, 25);
        assertThat(started.path("candidate").path("trafficPercent").asInt()).isEqualTo(25);
        assertThat(serving(model, PRODUCTION)).isEqualTo(started);
    }

    // ---- rollouts, abort, rollback ----

    @Test
    void rolloutsTrafficCompletionAbortAndEmergencyRollback() {
        String model = createModel("life-rollout", "HIGH");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        int v3 = registerVersion(model);
        int r1 = grantProduction(model, v1, "HIGH");

        // first version: nothing serves yet, so the candidate is alone
        JsonNode canary = startRolloutOk(model, PRODUCTION, v1, 10);
        assertThat(canary.path("serving").asBoolean()).isTrue();
        assertThat(canary.path("candidate").path("version").asInt()).isEqualTo(v1);
        assertThat(canary.path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
        assertThat(canary.path("candidate").path("requestNumber").asInt()).isEqualTo(r1);
        assertThat(canary.path("candidate").path("artifactDigest").asString()).startsWith("sha256:");
        assertThat(absent(canary, "champion")).isTrue();
        assertThat(serving(model, PRODUCTION)).as("read-your-writes").isEqualTo(canary);

        JsonNode all = as("carla").get(modelPath(model) + "/environments").json();
        assertThat(all.size()).isEqualTo(2);
        assertThat(all.get(0).path("environment").asString()).isEqualTo(STAGING);
        assertThat(all.get(0).path("serving").asBoolean()).isFalse();
        assertThat(all.get(1)).isEqualTo(canary);

        JsonNode half = ok(traffic(as("alice"), model, PRODUCTION, 50));
        assertThat(half.path("candidate").path("trafficPercent").asInt()).isEqualTo(50);
        assertThat(serving(model, PRODUCTION)).isEqualTo(half);

        JsonNode first = ok(complete(as("alice"), model, PRODUCTION));
        assertThat(first.path("champion").path("version").asInt()).isEqualTo(v1);
        assertThat(first.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        assertThat(absent(first, "candidate")).isTrue();
        assertThat(serving(model, PRODUCTION)).isEqualTo(first);

        // second version: canary next to the champion, then half, then complete
        int r2 = grantProduction(model, v2, "HIGH");
        JsonNode second = startRolloutOk(model, PRODUCTION, v2, 10);
        assertThat(second.path("champion").path("version").asInt()).isEqualTo(v1);
        assertThat(second.path("champion").path("trafficPercent").asInt()).isEqualTo(90);
        assertThat(second.path("candidate").path("version").asInt()).isEqualTo(v2);
        assertThat(second.path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
        assertThat(second.path("candidate").path("requestNumber").asInt()).isEqualTo(r2);
        assertThat(serving(model, PRODUCTION)).isEqualTo(second);

        JsonNode split = ok(traffic(bob(), model, PRODUCTION, 50));
        assertThat(split.path("champion").path("trafficPercent").asInt()).isEqualTo(50);
        assertThat(split.path("candidate").path("trafficPercent").asInt()).isEqualTo(50);
        assertThat(serving(model, PRODUCTION)).isEqualTo(split);

        JsonNode promoted = ok(complete(bob(), model, PRODUCTION));
        assertThat(promoted.path("champion").path("version").asInt()).isEqualTo(v2);
        assertThat(promoted.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        assertThat(absent(promoted, "candidate")).isTrue();
        assertThat(serving(model, PRODUCTION)).isEqualTo(promoted);

        // third version: aborted, all traffic back to the champion
        grantProduction(model, v3, "HIGH");
        JsonNode third = startRolloutOk(model, PRODUCTION, v3, 20);
        assertThat(third.path("champion").path("trafficPercent").asInt()).isEqualTo(80);
        assertInvalidField(as("alice").post(environment(model, PRODUCTION) + "/rollout/abort", Map.of()), "reason");
        assertThat(serving(model, PRODUCTION)).as("a refused abort changes nothing").isEqualTo(third);
        JsonNode aborted = ok(abort(as("alice"), model, PRODUCTION, "Latency regression at p99"));
        assertThat(aborted.path("champion").path("version").asInt()).isEqualTo(v2);
        assertThat(aborted.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        assertThat(absent(aborted, "candidate")).isTrue();
        assertThat(serving(model, PRODUCTION)).isEqualTo(aborted);
        assertRule(complete(as("alice"), model, PRODUCTION), "no-rollout");
        assertRule(traffic(as("alice"), model, PRODUCTION, 30), "no-rollout");
        assertRule(abort(as("alice"), model, PRODUCTION, "again"), "no-rollout");

        // emergency rollback: the previous champion is back, flagged until a reviewer acknowledges
        Instant beforeRollback = Instant.now();
        JsonNode restored = ok(rollBack(as("alice"), model, PRODUCTION, "Approval rate dropped 4 points"));
        assertThat(restored.path("champion").path("version").asInt()).isEqualTo(v1);
        assertThat(restored.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        assertThat(absent(restored, "candidate")).isTrue();
        assertThat(serving(model, PRODUCTION)).isEqualTo(restored);

        JsonNode rollbacks = as("carla").get(modelPath(model) + "/rollbacks").json();
        assertThat(rollbacks.path("totalItems").asInt()).isEqualTo(1);
        JsonNode rollback = items(rollbacks).get(0);
        assertThat(rollback.path("modelName").asString()).isEqualTo(model);
        assertThat(rollback.path("rollbackNumber").asInt()).isEqualTo(1);
        assertThat(rollback.path("environment").asString()).isEqualTo(PRODUCTION);
        assertThat(rollback.path("restoredVersion").asInt()).isEqualTo(v1);
        assertThat(rollback.path("replacedVersion").asInt()).isEqualTo(v2);
        assertThat(rollback.path("reason").asString()).isEqualTo("Approval rate dropped 4 points");
        assertThat(rollback.path("rolledBackBy").asString()).isEqualTo("alice");
        assertThat(instant(rollback, "rolledBackAt")).isBetween(beforeRollback, Instant.now());
        assertThat(rollback.path("emergency").asBoolean()).isTrue();
        assertThat(rollback.path("flagged").asBoolean()).isTrue();
        assertThat(absent(rollback, "acknowledgedBy")).isTrue();
        assertThat(flaggedRollbacks(model)).containsExactly(rollback);
        assertThat(as("carla").get(modelPath(model) + "/rollbacks?flagged=true").json().path("totalItems").asInt())
                .isEqualTo(1);

        assertRoleForbidden(as("alice").post(modelPath(model) + "/rollbacks/1/acknowledgement",
                Map.of("comment", "I did it, I know")));
        assertInvalidField(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement", Map.of()), "comment");
        assertNotFound(as("rita").post(modelPath(model) + "/rollbacks/2/acknowledgement", Map.of("comment", "x")));
        assertThat(flaggedRollbacks(model)).as("still flagged").containsExactly(rollback);

        JsonNode acknowledged = ok(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement",
                Map.of("comment", "Incident INC-4411 reviewed")));
        assertThat(acknowledged.path("flagged").asBoolean()).isFalse();
        assertThat(acknowledged.path("emergency").asBoolean()).isTrue();
        assertThat(acknowledged.path("acknowledgedBy").asString()).isEqualTo("rita");
        assertThat(acknowledged.path("acknowledgement").asString()).isEqualTo("Incident INC-4411 reviewed");
        assertThat(instant(acknowledged, "acknowledgedAt")).isAfterOrEqualTo(instant(rollback, "rolledBackAt"));
        assertThat(flaggedRollbacks(model)).as("read-your-writes: no longer flagged").isEmpty();
        assertThat(items(as("carla").get(modelPath(model) + "/rollbacks").json())).containsExactly(acknowledged);
        assertThat(items(as("carla").get(modelPath(model) + "/rollbacks?flagged=false").json()))
                .containsExactly(acknowledged);
        assertRule(as("ravi").post(modelPath(model) + "/rollbacks/1/acknowledgement", Map.of("comment", "me too")),
                "rollback-acknowledged");

        // what is left: the champion cannot be started again, and there is nothing earlier to roll back to
        assertRule(startRollout(as("alice"), model, PRODUCTION, v1, 10), "already-champion");
        assertRule(rollBack(as("alice"), model, PRODUCTION, "once more"), "nothing-to-roll-back-to");
        assertThat(serving(model, PRODUCTION)).isEqualTo(restored);
    }

    @Test
    void whoRolledBackCannotAcknowledgeEvenWithTheReviewerRole() {
        String model = createModel("life-ack", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        grantProduction(model, v2, "LOW");
        makeChampion(model, PRODUCTION, v1);
        makeChampion(model, PRODUCTION, v2);
        String both = createEngineerAndReviewer("oncall");

        JsonNode restored = ok(rollBack(asUser(both), model, PRODUCTION, "Night incident"));
        assertThat(restored.path("champion").path("version").asInt()).isEqualTo(v1);
        JsonNode rollback = items(as("carla").get(modelPath(model) + "/rollbacks").json()).get(0);
        assertThat(rollback.path("rolledBackBy").asString()).isEqualTo(both);

        JsonNode refused = assertSegregationOfDuties(asUser(both).post(
                modelPath(model) + "/rollbacks/1/acknowledgement", Map.of("comment", "Fine by me")));
        assertThat(refused.path("detail").asString()).contains(both).contains("cannot acknowledge");
        assertThat(flaggedRollbacks(model)).as("still flagged").containsExactly(rollback);

        JsonNode acknowledged = ok(as("ravi").post(modelPath(model) + "/rollbacks/1/acknowledgement",
                Map.of("comment", "Seen")));
        assertThat(acknowledged.path("acknowledgedBy").asString()).isEqualTo("ravi");
        assertThat(flaggedRollbacks(model)).isEmpty();
    }

    // ---- staging ----

    @Test
    void stagingGrantsAtOnceAndARolloutThereNeedsNoRequest() {
        String model = createModel("life-staging", "HIGH");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);

        Api.Response created = requestPromotion(as("alice"), model, v1, STAGING);

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        JsonNode request = created.json();
        assertThat(request.path("status").asString()).isEqualTo("GRANTED");
        assertThat(request.path("environment").asString()).isEqualTo(STAGING);
        assertThat(request.path("policy").path("approvalRequired").asBoolean()).isFalse();
        assertThat(request.path("policy").path("requiredApprovals").asInt()).isZero();
        assertThat(request.path("approvalsStillNeeded").asInt()).isZero();
        assertThat(request.path("approvals").size()).isZero();
        assertThat(instant(request, "grantedAt")).isNotNull();
        assertThat(promotionView(model, 1)).isEqualTo(request);
        assertThat(reviewQueue("/api/v1/reviews")).noneMatch(r -> model.equals(r.path("modelName").asString()));
        assertRule(requestPromotion(as("alice"), model, v1, STAGING), "request-granted");

        JsonNode started = startRolloutOk(model, STAGING, v2, 50);
        assertThat(started.path("candidate").path("version").asInt()).isEqualTo(v2);
        assertThat(absent(started.path("candidate"), "requestNumber")).isTrue();
        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt())
                .as("no request for v2").isEqualTo(1);
        JsonNode done = ok(complete(as("alice"), model, STAGING));
        assertThat(done.path("champion").path("version").asInt()).isEqualTo(v2);
        assertThat(serving(model, PRODUCTION).path("serving").asBoolean()).as("production untouched").isFalse();

        JsonNode production = assertRule(startRollout(as("alice"), model, PRODUCTION, v2, 10), "not-approved");
        assertThat(production.path("detail").asString()).contains("no promotion request");

        makeChampion(model, STAGING, v1);
        ok(rollBack(as("alice"), model, STAGING, "Back to v2 in staging"));
        JsonNode rollback = items(as("carla").get(modelPath(model) + "/rollbacks").json()).get(0);
        assertThat(rollback.path("environment").asString()).isEqualTo(STAGING);
        assertThat(rollback.path("emergency").asBoolean()).as("no approval needed, no emergency").isFalse();
        assertThat(rollback.path("flagged").asBoolean()).isFalse();
        assertThat(flaggedRollbacks(model)).isEmpty();
        assertNotFound(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement",
                Map.of("comment", "nothing to acknowledge")));
    }

    // ---- refusals: segregation of duties and request rules ----

    @Test
    void whoRegisteredAVersionCannotApproveItsPromotion() {
        String model = createModel("life-sod", "HIGH");
        String both = createEngineerAndReviewer("registrant");
        int version = registerVersion(model, asUser(both));
        int number = request(model, version, PRODUCTION);

        JsonNode refused = assertSegregationOfDuties(approve(asUser(both), model, number, "Looks good to me"));

        assertThat(refused.path("detail").asString()).contains(both).contains("registered version " + version);
        JsonNode request = promotionView(model, number);
        assertThat(request.path("approvals").size()).isZero();
        assertThat(request.path("status").asString()).isEqualTo("PENDING");
        assertThat(request.path("approvalsStillNeeded").asInt()).isEqualTo(2);
    }

    @Test
    void whoRequestedAPromotionCannotApproveIt() {
        String model = createModel("life-sod", "LOW");
        int version = registerVersion(model);
        String both = createEngineerAndReviewer("requester");
        int number = request(asUser(both), model, version, PRODUCTION);
        assertThat(promotionView(model, number).path("requestedBy").asString()).isEqualTo(both);

        JsonNode refused = assertSegregationOfDuties(approve(asUser(both), model, number, "Approving my own"));

        assertThat(refused.path("detail").asString()).contains(both).contains("requested promotion #" + number);
        assertThat(promotionView(model, number).path("status").asString()).isEqualTo("PENDING");
        assertThat(approveOk("rita", model, number, "Independent review").path("status").asString())
                .isEqualTo("GRANTED");
    }

    @Test
    void aSegregationOfDutiesRefusalIsAuditedWithThePersonAndWhatWasRefused() {
        String model = createModel("life-sod-audit", "LOW");
        int version = registerVersion(model);
        String both = createEngineerAndReviewer("self-approver");
        int number = request(asUser(both), model, version, PRODUCTION);

        assertSegregationOfDuties(approve(asUser(both), model, number, "Approving my own"));

        List<Map<String, Object>> records = jdbc.queryForList("""
                SELECT actor, model, version, environment, details::jsonb->>'rule' AS rule,
                       details::jsonb->>'message' AS message, (details::jsonb->>'request')::int AS request,
                       (details::jsonb->>'status')::int AS status, details::jsonb->>'path' AS path
                FROM audit_record WHERE action = 'SegregationOfDutiesRefused' AND model = ?""", model);
        assertThat(records).hasSize(1);
        Map<String, Object> refused = records.get(0);
        assertThat(refused.get("actor")).isEqualTo(both);
        assertThat(refused.get("version")).isEqualTo(version);
        assertThat(refused.get("environment")).isEqualTo(PRODUCTION);
        assertThat(refused.get("rule")).isEqualTo("segregation-of-duties");
        assertThat((String) refused.get("message")).contains("requested promotion #" + number);
        assertThat(refused.get("request")).isEqualTo(number);
        assertThat(refused.get("status")).isEqualTo(403);
        assertThat(refused.get("path")).isEqualTo(promotion(model, number) + "/approvals");
    }

    @Test
    void anEngineerCannotApproveAtAll() {
        String model = createModel("life-role", "LOW");
        int version = registerVersion(model, "bob");
        int number = request(model, version, PRODUCTION);

        assertRoleForbidden(approve(as("bob"), model, number, "ok"));
        assertRoleForbidden(approve(as("carla"), model, number, "ok"));
        assertRoleForbidden(as("alice").post(promotion(model, number) + "/rejection", Map.of("reason", "no")));

        assertThat(promotionView(model, number).path("approvals").size()).isZero();
    }

    @Test
    void theSameReviewerCannotApproveTwice() {
        String model = createModel("life-twice", "HIGH");
        int number = request(model, registerVersion(model), PRODUCTION);
        approveOk("rita", model, number, "first");

        JsonNode refused = assertRule(approve(as("rita"), model, number, "second"), "already-approved");

        assertThat(refused.path("detail").asString()).contains("has 1 (rita)");
        JsonNode request = promotionView(model, number);
        assertThat(approvers(request)).containsExactly("rita");
        assertThat(request.path("approvalsStillNeeded").asInt()).isEqualTo(1);
    }

    @Test
    void aSecondOpenRequestForTheSameVersionAndEnvironmentIsRefused() {
        String model = createModel("life-open", "HIGH");
        int version = registerVersion(model);
        int number = request(model, version, PRODUCTION);

        JsonNode refused = assertRule(requestPromotion(as("bob"), model, version, PRODUCTION), "request-open");

        assertThat(refused.path("detail").asString()).contains("#" + number);
        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt()).isEqualTo(1);
        assertThat(request(model, version, STAGING)).as("another environment is another request").isEqualTo(2);
    }

    @Test
    void aRejectionNeedsAReasonClosesTheRequestAndANewOneMayBeFiled() {
        String model = createModel("life-reject", "MEDIUM");
        int version = registerVersion(model);
        int number = request(model, version, PRODUCTION);
        String rejection = promotion(model, number) + "/rejection";

        assertInvalidField(as("rita").post(rejection, Map.of()), "reason");
        assertInvalidField(as("rita").post(rejection, Map.of("reason", "  ")), "reason");
        assertThat(promotionView(model, number).path("status").asString()).isEqualTo("PENDING");

        Api.Response rejected = as("rita").post(rejection, Map.of("reason", "Validation report is missing PSI"));

        assertThat(rejected.status()).as("%s", rejected).isEqualTo(200);
        JsonNode closed = rejected.json();
        assertThat(closed.path("status").asString()).isEqualTo("REJECTED");
        assertThat(closed.path("rejectedBy").asString()).isEqualTo("rita");
        assertThat(closed.path("rejectionReason").asString()).isEqualTo("Validation report is missing PSI");
        assertThat(instant(closed, "rejectedAt")).isNotNull();
        assertThat(closed.path("approvalsStillNeeded").asInt()).isZero();
        assertThat(promotionView(model, number)).isEqualTo(closed);
        assertRule(approve(as("ravi"), model, number, "Approving anyway"), "request-closed");
        assertRule(as("ravi").post(rejection, Map.of("reason", "again")), "request-closed");
        JsonNode notApproved = assertRule(startRollout(as("alice"), model, PRODUCTION, version, 10), "not-approved");
        assertThat(notApproved.path("detail").asString()).contains("rejected");

        int again = request(model, version, PRODUCTION);

        assertThat(again).isEqualTo(number + 1);
        assertThat(promotionView(model, again).path("status").asString()).isEqualTo("PENDING");
        assertThat(promotionView(model, number).path("status").asString()).isEqualTo("REJECTED");
        assertThat(approveOk("ravi", model, again, "PSI added").path("status").asString()).isEqualTo("GRANTED");
        startRolloutOk(model, PRODUCTION, version, 10);
    }

    // ---- refusals: bad input ----

    @Test
    void anUnknownOrMissingEnvironmentInTheBodyIsBadInput() {
        String model = createModel("life-env", "LOW");
        int version = registerVersion(model);
        Map<String, Object> unknown = promotionBody(version, "prod");
        Map<String, Object> missing = promotionBody(version, PRODUCTION);
        missing.remove("environment");

        JsonNode problem = assertInvalidField(as("alice").post(promotions(model), unknown), "environment");
        assertThat(problem.path("detail").asString()).contains("staging").contains("production").contains("prod");
        assertInvalidField(as("alice").post(promotions(model), missing), "environment");
        assertInvalidField(as("carla").get("/api/v1/reviews?environment=prod"), "environment");

        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt()).isZero();
    }

    @Test
    void anUnknownEnvironmentInThePathIsNotFound() {
        String model = createModel("life-env", "LOW");
        int version = registerVersion(model);

        JsonNode problem = assertNotFound(as("carla").get(environment(model, "qa")));
        assertThat(problem.path("detail").asString()).contains("qa");
        assertNotFound(as("carla").get(environment(model, "qa") + "?asOf=2026-01-01T00:00:00Z"));
        assertNotFound(startRollout(as("alice"), model, "qa", version, 10));
        assertNotFound(traffic(as("alice"), model, "qa", 10));
        assertNotFound(complete(as("alice"), model, "qa"));
        assertNotFound(abort(as("alice"), model, "qa", "why"));
        assertNotFound(rollBack(as("alice"), model, "qa", "why"));
    }

    @Test
    void anUnknownModelIsNotFound() {
        String model = uniqueName("life-nobody");

        assertNotFound(requestPromotion(as("alice"), model, 1, PRODUCTION));
        assertNotFound(as("carla").get(promotion(model, 1)));
        assertNotFound(approve(as("rita"), model, 1, "ok"));
        assertNotFound(as("carla").get(environment(model, PRODUCTION)));
        assertNotFound(as("carla").get(environment(model, PRODUCTION) + "?asOf=2026-01-01T00:00:00Z"));
        assertNotFound(as("carla").get(modelPath(model) + "/environments"));
        assertNotFound(startRollout(as("alice"), model, STAGING, 1, 10));
        assertNotFound(rollBack(as("alice"), model, PRODUCTION, "why"));
        assertNotFound(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement", Map.of("comment", "x")));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, model)).isZero();
    }

    @Test
    void theListsOfAnUnknownModelAreNotFound() {
        String model = uniqueName("life-nobody");

        assertNotFound(as("carla").get(modelPath(model) + "/versions"));
        assertNotFound(as("carla").get(promotions(model)));
        assertNotFound(as("carla").get(modelPath(model) + "/rollbacks"));
    }

    @Test
    void anUnknownRequestVersionOrRollbackIsNotFound() {
        String model = createModel("life-unknown", "LOW");
        int version = registerVersion(model);

        assertNotFound(as("carla").get(promotion(model, 7)));
        assertNotFound(approve(as("rita"), model, 7, "ok"));
        assertNotFound(as("rita").post(promotion(model, 7) + "/rejection", Map.of("reason", "no")));
        assertNotFound(requestPromotion(as("alice"), model, version + 1, PRODUCTION));
        assertNotFound(startRollout(as("alice"), model, STAGING, version + 1, 10));
        assertNotFound(as("rita").post(modelPath(model) + "/rollbacks/1/acknowledgement", Map.of("comment", "x")));
        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt()).isZero();
    }

    @Test
    void anArchivedVersionCannotBePromotedNorRolledOut() {
        String model = createModel("life-archived", "LOW");
        int granted = registerVersion(model);
        int archived = registerVersion(model);
        grantProduction(model, granted, "LOW");
        archive(model, archived);
        archive(model, granted);

        JsonNode problem = assertRule(requestPromotion(as("alice"), model, archived, PRODUCTION), "version-archived");
        assertThat(problem.path("detail").asString()).contains("archived");
        assertRule(requestPromotion(as("alice"), model, archived, STAGING), "version-archived");
        assertRule(startRollout(as("alice"), model, STAGING, archived, 10), "version-archived");
        assertRule(startRollout(as("alice"), model, PRODUCTION, granted, 10), "version-archived");
        assertThat(serving(model, PRODUCTION).path("serving").asBoolean()).isFalse();
        assertThat(serving(model, STAGING).path("serving").asBoolean()).isFalse();
    }

    @Test
    void aRollbackToAnArchivedVersionIsRefused() {
        String model = createModel("life-archived", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        grantProduction(model, v2, "LOW");
        makeChampion(model, PRODUCTION, v1);
        JsonNode champion = makeChampion(model, PRODUCTION, v2);
        archive(model, v1);

        JsonNode problem = assertRule(rollBack(as("alice"), model, PRODUCTION, "panic"), "version-archived");

        assertThat(problem.path("detail").asString()).contains("Version " + v1);
        assertThat(serving(model, PRODUCTION)).isEqualTo(champion);
        assertThat(as("carla").get(modelPath(model) + "/rollbacks").json().path("totalItems").asInt()).isZero();
    }

    @Test
    void aRetiredModelTakesNoRequestsAndNoRollouts() {
        String model = createModel("life-retired", "LOW");
        int version = registerVersion(model);
        int other = registerVersion(model);
        grantProduction(model, version, "LOW");
        Api.Response retired = as("alice").post(modelPath(model) + "/retirement", Map.of("reason", "Replaced"));
        assertThat(retired.status()).as("%s", retired).isEqualTo(200);

        JsonNode problem = assertRule(requestPromotion(as("alice"), model, other, PRODUCTION), "model-retired");
        assertThat(problem.path("detail").asString()).contains("retired");
        assertRule(startRollout(as("alice"), model, PRODUCTION, version, 10), "model-retired");
        assertRule(startRollout(as("alice"), model, STAGING, other, 10), "model-retired");
        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void trafficMustBeBetweenOneAndOneHundred() {
        String model = createModel("life-traffic", "LOW");
        int v1 = registerVersion(model);

        for (int percent : new int[] {0, 101, -5}) {
            assertInvalidField(startRollout(as("alice"), model, STAGING, v1, percent), "trafficPercent");
        }
        assertInvalidField(as("alice").post(environment(model, STAGING) + "/rollout", Map.of("version", v1)),
                "trafficPercent");
        assertInvalidField(as("alice").post(environment(model, STAGING) + "/rollout", Map.of("trafficPercent", 5)),
                "version");
        assertThat(serving(model, STAGING).path("serving").asBoolean()).isFalse();

        JsonNode started = startRolloutOk(model, STAGING, v1, 1);
        for (int percent : new int[] {0, 101}) {
            assertInvalidField(traffic(as("alice"), model, STAGING, percent), "trafficPercent");
        }
        assertInvalidField(as("alice").post(environment(model, STAGING) + "/rollout/traffic", Map.of()),
                "trafficPercent");
        assertThat(serving(model, STAGING)).isEqualTo(started);
        assertThat(ok(traffic(as("alice"), model, STAGING, 100)).path("candidate").path("trafficPercent").asInt())
                .isEqualTo(100);
    }

    @Test
    void aJustificationIsRequiredAndAValidationReportForProduction() {
        String model = createModel("life-evidence", "LOW");
        int version = registerVersion(model);
        Map<String, Object> noJustification = promotionBody(version, PRODUCTION);
        noJustification.remove("justification");
        Map<String, Object> blankJustification = promotionBody(version, PRODUCTION);
        blankJustification.put("justification", " ");
        Map<String, Object> noReport = promotionBody(version, PRODUCTION);
        noReport.remove("validationReportUri");
        Map<String, Object> badReport = promotionBody(version, PRODUCTION);
        badReport.put("validationReportUri", "not a uri");

        assertInvalidField(as("alice").post(promotions(model), noJustification), "justification");
        assertInvalidField(as("alice").post(promotions(model), blankJustification), "justification");
        assertInvalidField(as("alice").post(promotions(model), noReport), "validationReportUri");
        assertInvalidField(as("alice").post(promotions(model), badReport), "validationReportUri");
        Map<String, Object> noVersion = promotionBody(version, PRODUCTION);
        noVersion.remove("version");
        assertInvalidField(as("alice").post(promotions(model), noVersion), "version");
        assertThat(as("carla").get(promotions(model)).json().path("totalItems").asInt()).as("nothing stored").isZero();

        Map<String, Object> stagingNoReport = promotionBody(version, STAGING);
        stagingNoReport.remove("validationReportUri");
        Api.Response staging = as("alice").post(promotions(model), stagingNoReport);
        assertThat(staging.status()).as("staging needs no report: %s", staging).isEqualTo(201);
    }

    // ---- refusals: rollout state ----

    @Test
    void aSecondRolloutWhileOneRunsIsRefused() {
        String model = createModel("life-busy", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        int v3 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        grantProduction(model, v2, "LOW");
        grantProduction(model, v3, "LOW");
        makeChampion(model, PRODUCTION, v1);
        JsonNode running = startRolloutOk(model, PRODUCTION, v2, 10);

        JsonNode problem = assertRule(startRollout(as("bob"), model, PRODUCTION, v3, 10), "rollout-in-progress");

        assertThat(problem.path("detail").asString()).contains("Version " + v2).contains("10%");
        assertRule(startRollout(as("bob"), model, PRODUCTION, v2, 20), "rollout-in-progress");
        assertRule(rollBack(as("bob"), model, PRODUCTION, "panic"), "rollout-in-progress");
        assertThat(serving(model, PRODUCTION)).isEqualTo(running);
        assertThat(startRolloutOk(model, STAGING, v3, 10).path("candidate").path("version").asInt())
                .as("another environment has its own rollout").isEqualTo(v3);
    }

    @Test
    void theChampionCannotBeRolledOutAgain() {
        String model = createModel("life-champion", "LOW");
        int v1 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        JsonNode champion = makeChampion(model, PRODUCTION, v1);

        JsonNode problem = assertRule(startRollout(as("alice"), model, PRODUCTION, v1, 10), "already-champion");

        assertThat(problem.path("detail").asString()).contains("already serves");
        assertThat(serving(model, PRODUCTION)).isEqualTo(champion);
    }

    @Test
    void aRollbackNeedsAnEarlierChampion() {
        String model = createModel("life-nothing", "LOW");
        int v1 = registerVersion(model);
        grantProduction(model, v1, "LOW");

        JsonNode nothing = assertRule(rollBack(as("alice"), model, PRODUCTION, "panic"), "nothing-to-roll-back-to");
        assertThat(nothing.path("detail").asString()).contains("nothing serves there");
        JsonNode champion = makeChampion(model, PRODUCTION, v1);
        assertRule(rollBack(as("alice"), model, PRODUCTION, "panic"), "nothing-to-roll-back-to");
        assertInvalidField(as("alice").post(environment(model, PRODUCTION) + "/rollback", Map.of()), "reason");

        assertThat(serving(model, PRODUCTION)).isEqualTo(champion);
        assertThat(as("carla").get(modelPath(model) + "/rollbacks").json().path("totalItems").asInt()).isZero();
    }

    // ---- the review queue and the environments ----

    @Test
    void theReviewQueueListsPendingRequestsOldestFirstWithTheirApprovals() {
        String high = createModel("life-queue-high", "HIGH");
        String medium = createModel("life-queue-medium", "MEDIUM");
        int h1 = registerVersion(high);
        int h2 = registerVersion(high);
        int m1 = registerVersion(medium);
        int first = request(high, h1, PRODUCTION);
        pause();
        int middle = request(medium, m1, PRODUCTION);
        pause();
        int last = request(high, h2, PRODUCTION);

        List<JsonNode> highQueue = reviewQueue("/api/v1/reviews?riskTier=HIGH&environment=production");
        assertThat(highQueue).allSatisfy(r -> {
            assertThat(r.path("status").asString()).isEqualTo("PENDING");
            assertThat(r.path("policy").path("riskTier").asString()).isEqualTo("HIGH");
            assertThat(r.path("environment").asString()).isEqualTo(PRODUCTION);
        });
        assertOldestFirst(highQueue);
        assertThat(keys(highQueue)).containsSubsequence(high + "#" + first, high + "#" + last)
                .doesNotContain(medium + "#" + middle);
        List<JsonNode> queue = reviewQueue("/api/v1/reviews");
        assertOldestFirst(queue);
        assertThat(keys(queue)).containsSubsequence(high + "#" + first, medium + "#" + middle, high + "#" + last);
        assertThat(keys(reviewQueue("/api/v1/reviews?riskTier=MEDIUM"))).contains(medium + "#" + middle)
                .doesNotContain(high + "#" + first);
        JsonNode queued = find(highQueue, high, first);
        assertThat(queued.path("approvals").size()).isZero();
        assertThat(queued.path("approvalsStillNeeded").asInt()).isEqualTo(2);
        assertThat(queued.path("version").asInt()).isEqualTo(h1);
        assertThat(queued.path("requestedBy").asString()).isEqualTo("alice");

        approveOk("rita", high, first, "Half way");

        JsonNode halfWay = find(reviewQueue("/api/v1/reviews?riskTier=HIGH&environment=production"), high, first);
        assertThat(approvers(halfWay)).containsExactly("rita");
        assertThat(halfWay.path("approvals").get(0).path("comment").asString()).isEqualTo("Half way");
        assertThat(halfWay.path("approvalsStillNeeded").asInt()).isEqualTo(1);

        approveOk("ravi", high, first, "Done");
        assertThat(as("rita").post(promotion(high, last) + "/rejection", Map.of("reason", "No report")).status())
                .isEqualTo(200);
        approveOk("ravi", medium, middle, "Fine");

        List<String> after = keys(reviewQueue("/api/v1/reviews"));
        assertThat(after).as("granted and rejected requests leave the queue")
                .doesNotContain(high + "#" + first, high + "#" + last, medium + "#" + middle);
        assertInvalidField(as("rita").get("/api/v1/reviews?riskTier=EXTREME"), "riskTier");
    }

    @Test
    void theEnvironmentsAreListedWithTheirApprovalPolicy() {
        Api.Response response = as("carla").get("/api/v1/environments");

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode environments = response.json();
        assertThat(environments.size()).isEqualTo(2);
        JsonNode staging = environments.get(0);
        JsonNode production = environments.get(1);
        assertThat(staging.path("name").asString()).isEqualTo(STAGING);
        assertThat(staging.path("requiresApproval").asBoolean()).isFalse();
        assertThat(production.path("name").asString()).isEqualTo(PRODUCTION);
        assertThat(production.path("requiresApproval").asBoolean()).isTrue();
        assertThat(production.path("requiredApprovals").path("HIGH").asInt()).isEqualTo(2);
        assertThat(production.path("requiredApprovals").path("MEDIUM").asInt()).isEqualTo(1);
        assertThat(production.path("requiredApprovals").path("LOW").asInt()).isEqualTo(1);
        assertThat(production.path("approvalValidityDays").asInt()).isEqualTo(30);
    }

    // ---- helpers ----

    private Api bob() {
        return as("bob");
    }

    private void archive(String model, int version) {
        Api.Response archived = as("alice").post(modelPath(model) + "/versions/" + version + "/archival",
                Map.of("reason", "Superseded"));
        assertThat(archived.status()).as("%s", archived).isEqualTo(200);
    }

    static Instant instant(JsonNode node, String field) {
        return absent(node, field) ? null : Instant.parse(node.path(field).asString());
    }

    static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    /** Every item of every page (100 per page) of a paged list. */
    private List<JsonNode> allPages(String path) {
        List<JsonNode> all = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        for (int page = 0; page < 1000; page++) {
            Api.Response response = as("rita").get(path + separator + "size=100&page=" + page);
            assertThat(response.status()).as("%s", response).isEqualTo(200);
            List<JsonNode> items = items(response.json());
            all.addAll(items);
            if (page + 1 >= response.json().path("totalPages").asInt()) {
                break;
            }
        }
        return all;
    }

    private List<JsonNode> reviewQueue(String path) {
        return allPages(path);
    }

    private List<JsonNode> flaggedRollbacks(String model) {
        return allPages("/api/v1/rollbacks?flagged=true").stream()
                .filter(r -> model.equals(r.path("modelName").asString())).toList();
    }

    private static List<String> keys(List<JsonNode> requests) {
        return requests.stream().map(r -> r.path("modelName").asString() + "#" + r.path("requestNumber").asInt())
                .toList();
    }

    private static JsonNode find(List<JsonNode> requests, String model, int number) {
        return requests.stream().filter(r -> model.equals(r.path("modelName").asString())
                && r.path("requestNumber").asInt() == number).findFirst()
                .orElseThrow(() -> new AssertionError(model + "#" + number + " is not in the queue"));
    }

    private static void assertOldestFirst(List<JsonNode> queue) {
        List<Instant> times = queue.stream().map(r -> instant(r, "requestedAt")).toList();
        assertThat(times).isSorted();
    }
}
