package com.acme.registry.rollout;

import com.acme.registry.support.GovernanceIntegrationTest;

import com.acme.registry.support.Api;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Which version served model M in production at instant T, at what split, with which approvals?" — instants are
 * recorded between the steps of a release history, and the asOf view must answer each of them as it was then.
 */
class PointInTimeTest extends GovernanceIntegrationTest {


    @Test
    void theAsOfViewAnswersWhatServedAtEachInstantWithItsApprovals() {
        String model = createModel("asof", "HIGH");
        Instant beforeAnything = mark();
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        int r1 = request(model, v1, PRODUCTION);
        approveOk("rita", model, r1, "v1: backtest reviewed");
        Instant halfApproved = mark();
        approveOk("ravi", model, r1, "v1: fairness reviewed");
        Instant grantedNothingServes = mark();

        startRolloutOk(model, PRODUCTION, v1, 10);
        Instant firstCanary = mark();
        ok(complete(as("alice"), model, PRODUCTION));
        Instant v1Champion = mark();

        int r2 = request(model, v2, PRODUCTION);
        approveOk("ravi", model, r2, "v2: drift checked");
        approveOk("rita", model, r2, "v2: challenger wins");
        Instant v2Granted = mark();
        startRolloutOk(model, PRODUCTION, v2, 10);
        Instant canary = mark();
        ok(traffic(as("alice"), model, PRODUCTION, 50));
        Instant half = mark();
        ok(complete(as("alice"), model, PRODUCTION));
        Instant v2Champion = mark();
        ok(rollBack(as("alice"), model, PRODUCTION, "Approval rate dropped"));
        Instant rolledBack = mark();
        startRolloutOk(model, PRODUCTION, v2, 30);
        Instant retried = mark();
        ok(abort(as("alice"), model, PRODUCTION, "Still dropping"));
        Instant aborted = mark();

        for (Instant before : List.of(beforeAnything, halfApproved, grantedNothingServes)) {
            JsonNode nothing = asOf(model, before);
            assertThat(nothing.path("serving").asBoolean()).as("at %s", before).isFalse();
            assertThat(nothing.path("champion").isMissingNode()).isTrue();
            assertThat(nothing.path("candidate").isMissingNode()).isTrue();
            assertThat(Instant.parse(nothing.path("asOf").asString())).isEqualTo(before);
        }

        JsonNode during = asOf(model, firstCanary);
        assertThat(during.path("serving").asBoolean()).isTrue();
        assertThat(during.path("champion").isMissingNode()).as("no champion yet").isTrue();
        assertSlot(during.path("candidate"), v1, 10);
        assertGrants(during.path("candidate"), r1, "rita", "v1: backtest reviewed", "ravi", "v1: fairness reviewed");
        assertThat(during.path("candidate").path("requestNumber").asInt()).isEqualTo(r1);

        JsonNode first = asOf(model, v1Champion);
        assertSlot(first.path("champion"), v1, 100);
        assertThat(first.path("candidate").isMissingNode()).isTrue();
        assertGrants(first.path("champion"), r1, "rita", "v1: backtest reviewed", "ravi", "v1: fairness reviewed");
        JsonNode grantOnly = asOf(model, v2Granted);
        assertSlot(grantOnly.path("champion"), v1, 100);
        assertThat(grantOnly.path("candidate").isMissingNode()).as("a grant alone changes nothing that serves").isTrue();

        JsonNode tenPercent = asOf(model, canary);
        assertSlot(tenPercent.path("champion"), v1, 90);
        assertSlot(tenPercent.path("candidate"), v2, 10);
        assertGrants(tenPercent.path("champion"), r1, "rita", "v1: backtest reviewed", "ravi", "v1: fairness reviewed");
        assertGrants(tenPercent.path("candidate"), r2, "ravi", "v2: drift checked", "rita", "v2: challenger wins");

        JsonNode fifty = asOf(model, half);
        assertSlot(fifty.path("champion"), v1, 50);
        assertSlot(fifty.path("candidate"), v2, 50);
        assertGrants(fifty.path("candidate"), r2, "ravi", "v2: drift checked", "rita", "v2: challenger wins");

        JsonNode second = asOf(model, v2Champion);
        assertSlot(second.path("champion"), v2, 100);
        assertThat(second.path("candidate").isMissingNode()).isTrue();
        assertGrants(second.path("champion"), r2, "ravi", "v2: drift checked", "rita", "v2: challenger wins");

        JsonNode back = asOf(model, rolledBack);
        assertSlot(back.path("champion"), v1, 100);
        assertThat(back.path("candidate").isMissingNode()).isTrue();
        assertGrants(back.path("champion"), r1, "rita", "v1: backtest reviewed", "ravi", "v1: fairness reviewed");

        JsonNode again = asOf(model, retried);
        assertSlot(again.path("champion"), v1, 70);
        assertSlot(again.path("candidate"), v2, 30);

        JsonNode afterAbort = asOf(model, aborted);
        assertSlot(afterAbort.path("champion"), v1, 100);
        assertThat(afterAbort.path("candidate").isMissingNode()).isTrue();

        JsonNode now = serving(model, PRODUCTION);
        assertThat(now.path("champion").path("version").asInt()).isEqualTo(v1);
        assertThat(now.path("champion").path("trafficPercent").asInt()).isEqualTo(100);
        assertThat(now.path("candidate").isMissingNode()).isTrue();
        assertThat(asOf(model, Instant.now()).path("champion").path("version").asInt())
                .as("asOf now agrees with the current state").isEqualTo(v1);
    }

    @Test
    void grantsShowOnlyTheApprovalsGivenByThatInstant() {
        String model = createModel("asof-grants", "LOW");
        int v1 = registerVersion(model);
        int r1 = request(model, v1, STAGING);
        startRolloutOk(model, STAGING, v1, 100);
        ok(complete(as("alice"), model, STAGING));
        Instant stagingOnly = mark();
        int r2 = request(model, v1, PRODUCTION);
        approveOk("rita", model, r2, "Production approval");
        Instant both = mark();

        JsonNode staging = as("carla").get(environment(model, STAGING) + "?asOf=" + stagingOnly).json();
        assertSlot(staging.path("champion"), v1, 100);
        JsonNode stagingGrants = staging.path("champion").path("grants");
        assertThat(stagingGrants.size()).isEqualTo(1);
        assertThat(stagingGrants.get(0).path("requestNumber").asInt()).isEqualTo(r1);
        assertThat(stagingGrants.get(0).path("environment").asString()).isEqualTo(STAGING);
        assertThat(stagingGrants.get(0).path("approvals").size()).as("staging needs no approval").isZero();

        JsonNode later = as("carla").get(environment(model, STAGING) + "?asOf=" + both).json();
        assertThat(later.path("champion").path("grants").size())
                .as("the production grant is not a grant for staging").isEqualTo(1);
        assertThat(asOf(model, both).path("serving").asBoolean()).as("nothing serves in production").isFalse();
    }

    /**
     * asOf a moment ago must describe the same state as the hot path: same versions, traffic split, request and
     * "since" for champion and candidate, at every step of a release, including a candidate at 100 %.
     */
    @Test
    void asOfNowAgreesWithTheCurrentStateAtEveryStep() {
        String model = createModel("asof-agree", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        grantProduction(model, v2, "LOW");
        startRolloutOk(model, PRODUCTION, v1, 20);
        assertAgrees(model, "v1 canary");
        ok(traffic(as("alice"), model, PRODUCTION, 60));
        assertAgrees(model, "v1 at 60");
        ok(complete(as("alice"), model, PRODUCTION));
        assertAgrees(model, "v1 champion");
        startRolloutOk(model, PRODUCTION, v2, 10);
        assertAgrees(model, "v2 canary");
        ok(traffic(as("alice"), model, PRODUCTION, 40));
        assertAgrees(model, "v2 at 40");
        ok(traffic(as("alice"), model, PRODUCTION, 100));
        assertAgrees(model, "v2 at 100");
        ok(complete(as("alice"), model, PRODUCTION));
        assertAgrees(model, "v2 champion");
        ok(rollBack(as("alice"), model, PRODUCTION, "back"));
        assertAgrees(model, "v1 restored");
    }

    private void assertAgrees(String model, String step) {
        pause();
        JsonNode now = serving(model, PRODUCTION);
        JsonNode asOf = asOf(model, Instant.now());
        assertThat(asOf.path("serving").asBoolean()).as(step).isEqualTo(now.path("serving").asBoolean());
        for (String slot : List.of("champion", "candidate")) {
            JsonNode expected = now.path(slot);
            JsonNode actual = asOf.path(slot);
            assertThat(actual.isMissingNode()).as("%s present at %s: now %s, asOf %s", slot, step, now, asOf)
                    .isEqualTo(expected.isMissingNode());
            for (String field : List.of("version", "trafficPercent", "since", "requestNumber", "artifactUri")) {
                assertThat(actual.path(field).toString()).as("%s.%s at %s: now %s, asOf %s", slot, field, step, now,
                        asOf).isEqualTo(expected.path(field).toString());
            }
        }
    }

    @Test
    void aBadAsOfIsBadInput() {
        String model = createModel("asof-bad", "LOW");

        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "noon")) {
            Api.Response response = as("carla").get(environment(model, PRODUCTION) + "?asOf=" + bad);
            JsonNode problem = assertInvalidField(response, "asOf");
            assertThat(problem.path("detail").asString()).contains(bad);
        }
    }

    // ---- helpers ----

    /** An instant strictly between the write before and the write after. */
    private static Instant mark() {
        pause();
        Instant now = Instant.now();
        pause();
        return now;
    }

    private JsonNode asOf(String model, Instant at) {
        Api.Response response = as("carla").get(environment(model, PRODUCTION) + "?asOf=" + at);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.json();
    }

    private static void assertSlot(JsonNode slot, int version, int percent) {
        assertThat(slot.isMissingNode()).as("slot present").isFalse();
        assertThat(slot.path("version").asInt()).as("version of %s", slot).isEqualTo(version);
        assertThat(slot.path("trafficPercent").asInt()).as("traffic of %s", slot).isEqualTo(percent);
        assertThat(slot.path("artifactDigest").asString()).startsWith("sha256:");
    }

    /** The slot was granted by exactly request {@code request}, with these (approvedBy, comment) pairs in order. */
    private static void assertGrants(JsonNode slot, int request, String... approvals) {
        JsonNode grants = slot.path("grants");
        assertThat(grants.size()).as("grants of %s", slot).isEqualTo(1);
        JsonNode grant = grants.get(0);
        assertThat(grant.path("requestNumber").asInt()).isEqualTo(request);
        assertThat(grant.path("status").asString()).isEqualTo("GRANTED");
        assertThat(grant.path("environment").asString()).isEqualTo(PRODUCTION);
        List<String> given = new ArrayList<>();
        grant.path("approvals").forEach(a -> {
            given.add(a.path("approvedBy").asString());
            given.add(a.path("comment").asString());
        });
        assertThat(given).containsExactly(approvals);
    }
}
