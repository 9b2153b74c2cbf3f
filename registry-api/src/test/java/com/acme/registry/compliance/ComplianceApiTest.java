package com.acme.registry.compliance;

import com.acme.registry.lineage.HistoryIntegrationTest;
import com.acme.registry.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance views through the HTTP API over a realistic history, built once: model C (HIGH) released to
 * production twice (v1, then v2 after a staging release) and rolled back in an emergency that nobody has
 * acknowledged; model D (LOW) released twice, rolled back (acknowledged) and retired. Instants are recorded
 * between the steps; every view is asked about several of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComplianceApiTest extends HistoryIntegrationTest {

    private static final String COMPLIANCE = "/api/v1/compliance";

    private String c;
    private String d;
    private String completionRequestId;
    private String rollbackRequestId;
    private Instant beforeAnything;
    private Instant betweenVersions;
    private Instant beforeRelease1;
    private Instant afterRelease1;
    private Instant afterApproval2;
    private Instant duringCanary2;
    private Instant afterRelease2;
    private Instant afterRollback;
    private Instant beforeD;
    private Instant beforeRetirement;
    private Instant afterRetirement;

    @BeforeAll
    void buildHistory() {
        beforeAnything = mark();
        c = createModel("compliance-c", "HIGH", "underwriting");
        registerVersion(c, "alice", versionBody("run-c1", "c1c1c1c", null, List.of(
                dataset("applications", "2026-01", "training"))));
        betweenVersions = mark();
        registerVersion(c, "bob", versionBody("run-c2", "c2c2c2c", 1, List.of(
                dataset("applications", "2026-02", "training"))));
        assertThat(request("alice", c, 1, PRODUCTION, "First release of C")).isEqualTo(1);
        approve("rita", c, 1, "C v1: backtest reviewed");
        approve("ravi", c, 1, "C v1: fairness reviewed");
        beforeRelease1 = mark();
        startRollout(c, PRODUCTION, 1, 10);
        completionRequestId = "compliance-" + UUID.randomUUID();
        ok(as("alice").header("X-Request-Id", completionRequestId)
                .post(modelPath(c) + "/environments/production/rollout/completion", null), 200);
        afterRelease1 = mark();
        startRollout(c, STAGING, 2, 100);
        complete(c, STAGING);
        assertThat(request("bob", c, 2, PRODUCTION, "Retrained on Q3")).isEqualTo(2);
        approve("ravi", c, 2, "C v2: drift checked");
        approve("rita", c, 2, "C v2: challenger wins");
        afterApproval2 = mark();
        startRollout(c, PRODUCTION, 2, 50);
        duringCanary2 = mark();
        complete(c, PRODUCTION);
        afterRelease2 = mark();
        rollbackRequestId = "compliance-" + UUID.randomUUID();
        ok(as("alice").header("X-Request-Id", rollbackRequestId).post(modelPath(c)
                + "/environments/production/rollback", Map.of("reason", "Approval rate dropped 8%")), 200);
        afterRollback = mark();

        beforeD = mark();
        d = createModel("compliance-d", "LOW", "growth");
        registerVersion(d, "bob", versionBody("run-d1", "d1d1d1d", null, List.of()));
        registerVersion(d, "bob", versionBody("run-d2", "d2d2d2d", 1, List.of()));
        approve("rita", d, request("bob", d, 1, PRODUCTION, "D first"), "D v1 ok");
        startRollout(d, PRODUCTION, 1, 100);
        complete(d, PRODUCTION);
        approve("ravi", d, request("bob", d, 2, PRODUCTION, "D second"), "D v2 ok");
        startRollout(d, PRODUCTION, 2, 100);
        complete(d, PRODUCTION);
        rollBack("bob", d, PRODUCTION, "Conversion dropped");
        acknowledge("rita", d, 1, "Incident INC-7 reviewed");
        beforeRetirement = mark();
        // D's v1 still serves production: retiring it needs whileServing (docs/reliability-rules.md)
        retireWhileServing("alice", d, "Replaced by the new checkout model");
        afterRetirement = mark();
    }

    // ---- inventory ----

    @Test
    void theInventoryAnswersAsOfEachInstant() {
        Map<String, JsonNode> before = inventory(beforeAnything);
        assertThat(before).as("nothing registered yet").doesNotContainKeys(c, d);

        JsonNode oneVersion = inventory(betweenVersions).get(c);
        assertModel(oneVersion, c, "HIGH", "underwriting", "ACTIVE", 1);
        assertThat(oneVersion.path("registeredBy").asString()).isEqualTo("alice");
        assertThat(instant(oneVersion.path("registeredAt"))).isBetween(beforeAnything, betweenVersions);
        assertThat(oneVersion.path("retiredAt").isNull()).isTrue();
        assertChampions(oneVersion, null, null);
        assertThat(oneVersion.path("lastApproval").isNull()).as("no approval yet").isTrue();

        JsonNode approved = inventory(beforeRelease1).get(c);
        assertModel(approved, c, "HIGH", "underwriting", "ACTIVE", 2);
        assertChampions(approved, null, null);
        assertLastApproval(approved, "ravi", "C v1: fairness reviewed", 1, 1);

        List<JsonNode> releases = releases(c, PRODUCTION);
        Instant release1 = instant(releases.get(0).path("releasedAt"));
        Instant release2 = instant(releases.get(1).path("releasedAt"));
        Instant rollback = instant(releases.get(2).path("releasedAt"));
        Instant staging = instant(releases(c, STAGING).get(0).path("releasedAt"));

        JsonNode first = inventory(afterRelease1).get(c);
        assertChampions(first, null, champion(1, release1, 100));
        assertLastApproval(first, "ravi", "C v1: fairness reviewed", 1, 1);

        JsonNode bothEnvironments = inventory(afterApproval2).get(c);
        assertChampions(bothEnvironments, champion(2, staging, 100), champion(1, release1, 100));
        assertLastApproval(bothEnvironments, "rita", "C v2: challenger wins", 2, 2);

        assertChampions(inventory(duringCanary2).get(c), champion(2, staging, 100), champion(1, release1, 50));
        assertChampions(inventory(afterRelease2).get(c), champion(2, staging, 100), champion(2, release2, 100));
        JsonNode restored = inventory(afterRollback).get(c);
        assertChampions(restored, champion(2, staging, 100), champion(1, rollback, 100));
        assertThat(inventory(afterRollback)).as("D is registered later").doesNotContainKey(d);
        assertThat(inventory(beforeD)).doesNotContainKey(d);
    }

    @Test
    void aRetiredModelStaysInTheInventoryAsRetiredFromItsRetirementOn() {
        JsonNode active = inventory(beforeRetirement).get(d);
        assertModel(active, d, "LOW", "growth", "ACTIVE", 2);
        assertThat(active.path("retiredAt").isNull()).isTrue();
        Instant rollback = instant(releases(d, PRODUCTION).get(2).path("releasedAt"));
        assertChampions(active, null, champion(1, rollback, 100));
        assertLastApproval(active, "ravi", "D v2 ok", 2, 2);

        JsonNode retired = inventory(afterRetirement).get(d);
        assertModel(retired, d, "LOW", "growth", "RETIRED", 2);
        assertThat(instant(retired.path("retiredAt"))).isBetween(beforeRetirement, afterRetirement);
        assertChampions(retired, null, champion(1, rollback, 100));

        JsonNode now = inventory(null).get(d);
        assertThat(now.path("status").asString()).isEqualTo("RETIRED");
        assertThat(now.path("retiredAt")).isEqualTo(retired.path("retiredAt"));
        assertThat(inventory(null).get(c).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void theInventoryIsPagedByNameAndListsOnlyModelsRegisteredByThen() {
        JsonNode page = ok(as("adam").get(COMPLIANCE + "/inventory?asOf=" + afterRelease1 + "&size=5"), 200);
        assertThat(instant(page.path("asOf"))).isEqualTo(afterRelease1);
        assertThat(page.path("size").asInt()).isEqualTo(5);
        long total = page.path("totalItems").asLong();
        assertThat(total).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM catalog_model WHERE registered_at <= ?",
                Long.class, Timestamp.from(afterRelease1)));
        assertThat(page.path("totalPages").asInt()).isEqualTo((int) ((total + 4) / 5));
        List<String> names = new ArrayList<>();
        for (int p = 0; p < page.path("totalPages").asInt(); p++) {
            for (JsonNode item : items(ok(as("carla").get(COMPLIANCE + "/inventory?asOf=" + afterRelease1
                    + "&size=5&page=" + p), 200))) {
                names.add(item.path("name").asString());
                assertThat(instant(item.path("registeredAt"))).isBeforeOrEqualTo(afterRelease1);
                assertThat(item.path("champions").propertyNames()).containsExactly(STAGING, PRODUCTION);
            }
        }
        assertThat(names).hasSize((int) total).isSorted().doesNotHaveDuplicates().contains(c).doesNotContain(d);
    }

    @Test
    void aBadAsOfIsBadInput() {
        // a plain date is no longer bad input: it means its start in UTC (docs/reliability-rules.md); the future is
        for (String bad : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-02-30", "2999-03-01")) {
            JsonNode problem = assertInvalidFields(as("carla").get(COMPLIANCE + "/inventory?asOf=" + bad), "asOf");
            assertThat(problem.path("detail").asString()).contains(bad);
        }
        assertThat(instant(ok(as("carla").get(COMPLIANCE + "/inventory?asOf=2026-03-01"), 200).path("asOf")))
                .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertInvalidFields(as("carla").get(COMPLIANCE + "/inventory?size=101"), "size");
    }

    private Map<String, JsonNode> inventory(Instant asOf) {
        Map<String, JsonNode> found = new HashMap<>();
        int pages;
        int page = 0;
        do {
            JsonNode body = ok(as("carla").get(COMPLIANCE + "/inventory?size=100&page=" + page
                    + (asOf == null ? "" : "&asOf=" + asOf)), 200);
            if (asOf != null) {
                assertThat(instant(body.path("asOf"))).isEqualTo(asOf);
            }
            for (JsonNode item : items(body)) {
                found.put(item.path("name").asString(), item);
            }
            pages = body.path("totalPages").asInt();
            page++;
        } while (page < pages);
        return found;
    }

    private static void assertModel(JsonNode entry, String name, String tier, String team, String status,
                                    int versions) {
        assertThat(entry).as("%s in the inventory", name).isNotNull();
        assertThat(entry.path("name").asString()).isEqualTo(name);
        assertThat(entry.path("riskTier").asString()).isEqualTo(tier);
        assertThat(entry.path("ownerTeam").asString()).isEqualTo(team);
        assertThat(entry.path("status").asString()).as("status of %s", entry).isEqualTo(status);
        assertThat(entry.path("versionCount").asInt()).as("versions of %s", entry).isEqualTo(versions);
        assertThat(entry.path("latestVersion").asInt()).isEqualTo(versions);
    }

    private static Map<String, Object> champion(int version, Instant since, int traffic) {
        return Map.of("version", version, "since", since.toString(), "trafficPercent", traffic);
    }

    private static void assertChampions(JsonNode entry, Map<String, Object> staging, Map<String, Object> production) {
        JsonNode champions = entry.path("champions");
        assertThat(champions.propertyNames()).containsExactly(STAGING, PRODUCTION);
        assertChampion(champions.path(STAGING), staging);
        assertChampion(champions.path(PRODUCTION), production);
    }

    private static void assertChampion(JsonNode actual, Map<String, Object> expected) {
        if (expected == null) {
            assertThat(actual.isNull()).as("no champion: %s", actual).isTrue();
            return;
        }
        assertThat(actual.path("version").asInt()).as("%s", actual).isEqualTo(expected.get("version"));
        assertThat(instant(actual.path("since"))).as("%s", actual)
                .isEqualTo(Instant.parse((String) expected.get("since")));
        assertThat(actual.path("trafficPercent").asInt()).as("%s", actual).isEqualTo(expected.get("trafficPercent"));
    }

    private static void assertLastApproval(JsonNode entry, String by, String comment, int request, int version) {
        JsonNode last = entry.path("lastApproval");
        assertThat(last.path("approvedBy").asString()).as("%s", last).isEqualTo(by);
        assertThat(last.path("comment").asString()).isEqualTo(comment);
        assertThat(last.path("requestNumber").asInt()).isEqualTo(request);
        assertThat(last.path("version").asInt()).isEqualTo(version);
        assertThat(last.path("environment").asString()).isEqualTo(PRODUCTION);
        assertThat(instant(last.path("approvedAt"))).isNotNull();
    }

    // ---- releases ----

    @Test
    void productionReleasesCarryTheirRequestApprovalsEvidenceAndExceptions() {
        List<JsonNode> releases = releases(c, PRODUCTION);
        assertThat(releases).hasSize(3);

        JsonNode first = releases.get(0);
        assertRelease(first, c, 1, "ROLLOUT", "alice", null);
        assertThat(instant(first.path("releasedAt"))).isBetween(beforeRelease1, afterRelease1);
        assertRequest(first.path("promotionRequest"), 1, 1, "alice", "First release of C", c);
        assertThat(first.path("promotionRequest").path("policy")).isEqualTo(Api.JSON.valueToTree(Map.of(
                "riskTier", "HIGH", "approvalRequired", true, "requiredApprovals", 2, "approvalValidityDays", 30)));
        assertApprovals(first, "rita", "C v1: backtest reviewed", "ravi", "C v1: fairness reviewed");
        assertEvidence(first, "run-c1", "c1c1c1c");
        assertThat(first.path("rollback").isNull()).isTrue();
        assertThat(first.path("exceptions").size()).isZero();

        JsonNode second = releases.get(1);
        assertRelease(second, c, 2, "ROLLOUT", "alice", 1);
        assertThat(instant(second.path("releasedAt"))).isBetween(duringCanary2, afterRelease2);
        assertRequest(second.path("promotionRequest"), 2, 2, "bob", "Retrained on Q3", c);
        assertApprovals(second, "ravi", "C v2: drift checked", "rita", "C v2: challenger wins");
        assertEvidence(second, "run-c2", "c2c2c2c");
        assertThat(second.path("exceptions").size()).isZero();

        JsonNode rollback = releases.get(2);
        assertRelease(rollback, c, 1, "ROLLBACK", "alice", 2);
        assertThat(instant(rollback.path("releasedAt"))).isBetween(afterRelease2, afterRollback);
        assertRequest(rollback.path("promotionRequest"), 1, 1, "alice", "First release of C", c);
        assertApprovals(rollback, "rita", "C v1: backtest reviewed", "ravi", "C v1: fairness reviewed");
        assertEvidence(rollback, "run-c1", "c1c1c1c");
        JsonNode details = rollback.path("rollback");
        assertThat(details.path("number").asInt()).isEqualTo(1);
        assertThat(details.path("reason").asString()).isEqualTo("Approval rate dropped 8%");
        assertThat(details.path("emergency").asBoolean()).isTrue();
        assertThat(details.path("rolledBackBy").asString()).isEqualTo("alice");
        assertThat(details.path("acknowledgedBy").isNull()).isTrue();
        assertThat(texts(rollback.path("exceptions"))).containsExactly("EMERGENCY_ROLLBACK_UNACKNOWLEDGED");

        List<JsonNode> byDefault = items(ok(as("carla").get(COMPLIANCE + "/releases?from=" + beforeAnything + "&to="
                + afterRollback + "&model=" + c), 200));
        assertThat(byDefault).as("production is the default environment").isEqualTo(releases);
    }

    @Test
    void aStagingReleaseNeedsNoRequest() {
        List<JsonNode> staging = releases(c, STAGING);
        assertThat(staging).hasSize(1);
        assertRelease(staging.get(0), c, 2, "ROLLOUT", "alice", null);
        assertThat(staging.get(0).path("environment").asString()).isEqualTo(STAGING);
        assertThat(instant(staging.get(0).path("releasedAt"))).isBetween(afterRelease1, afterApproval2);
        assertThat(staging.get(0).path("promotionRequest").isNull()).isTrue();
        assertThat(staging.get(0).path("approvals").size()).isZero();
        assertThat(staging.get(0).path("exceptions").size()).isZero();
        assertEvidence(staging.get(0), "run-c2", "c2c2c2c");
    }

    @Test
    void anAcknowledgedEmergencyRollbackIsNoException() {
        List<JsonNode> releases = releases(d, PRODUCTION);
        assertThat(releases).extracting(r -> r.path("kind").asString() + " v" + r.path("version").asInt())
                .containsExactly("ROLLOUT v1", "ROLLOUT v2", "ROLLBACK v1");
        JsonNode rollback = releases.get(2);
        assertThat(rollback.path("releasedBy").asString()).isEqualTo("bob");
        assertThat(rollback.path("rollback").path("emergency").asBoolean()).isTrue();
        assertThat(rollback.path("rollback").path("acknowledgedBy").asString()).isEqualTo("rita");
        assertThat(rollback.path("rollback").path("acknowledgement").asString()).isEqualTo("Incident INC-7 reviewed");
        assertThat(rollback.path("exceptions").size()).isZero();
        assertThat(rollback.path("promotionRequest").path("number").asInt()).isEqualTo(1);
        assertThat(rollback.path("promotionRequest").path("policy").path("requiredApprovals").asInt()).isEqualTo(1);
        assertApprovals(rollback, "rita", "D v1 ok");
    }

    @Test
    void theEmergencyExceptionLastsUntilAReviewerAcknowledges() {
        String e = releasedTwice("compliance-e");
        rollBack("alice", e, PRODUCTION, "Spike in declines");
        JsonNode flagged = releases(e, PRODUCTION).get(2);
        assertThat(texts(flagged.path("exceptions"))).containsExactly("EMERGENCY_ROLLBACK_UNACKNOWLEDGED");

        acknowledge("ravi", e, 1, "Reviewed the incident");

        JsonNode cleared = releases(e, PRODUCTION).get(2);
        assertThat(cleared.path("exceptions").size()).isZero();
        assertThat(cleared.path("rollback").path("acknowledgedBy").asString()).isEqualTo("ravi");
        assertThat(cleared.path("releasedAt")).isEqualTo(flagged.path("releasedAt"));
    }

    /**
     * The domain grants no approval after a rollout started, so an approval later than its release exists only
     * in hand-made (or corrupted) data: rows are inserted into the read model here.
     */
    @Test
    void anApprovalLaterThanTheReleaseIsAnException() {
        String f = releasedTwice("compliance-f");
        JsonNode release = releases(f, PRODUCTION).get(0);
        Instant releasedAt = instant(release.path("releasedAt"));
        insertApproval(f, 1, "same-instant", releasedAt);
        JsonNode sameInstant = releases(f, PRODUCTION).get(0);
        assertThat(sameInstant.path("exceptions").size()).as("at the release is not after it").isZero();
        assertApprovals(sameInstant, "rita", "ok 1", "same-instant", "hand-made");

        insertApproval(f, 1, "late-reviewer", releasedAt.plus(1, ChronoUnit.MILLIS));

        List<JsonNode> after = releases(f, PRODUCTION);
        assertThat(texts(after.get(0).path("exceptions"))).containsExactly("APPROVED_AFTER_RELEASE");
        assertApprovals(after.get(0), "rita", "ok 1", "same-instant", "hand-made", "late-reviewer", "hand-made");
        assertThat(after.get(1).path("exceptions").size()).as("another request's release").isZero();
    }

    private void insertApproval(String model, int request, String by, Instant at) {
        jdbc.update("INSERT INTO promotion_approval (model_name, request_number, approved_by, comment, approved_at)"
                + " VALUES (?, ?, ?, 'hand-made', ?)", model, request, by, Timestamp.from(at));
    }

    @Test
    void thePeriodIncludesFromAndExcludesTo() {
        List<JsonNode> releases = releases(c, PRODUCTION);
        Instant r1 = instant(releases.get(0).path("releasedAt"));
        Instant r2 = instant(releases.get(1).path("releasedAt"));
        Instant r3 = instant(releases.get(2).path("releasedAt"));
        Instant micro = r1.plus(1, ChronoUnit.MICROS);

        assertThat(versionsIn(r1, r2)).containsExactly("ROLLOUT v1");
        assertThat(versionsIn(r2, r3)).containsExactly("ROLLOUT v2");
        assertThat(versionsIn(micro, r2)).isEmpty();
        assertThat(versionsIn(r3, r3.plus(1, ChronoUnit.MICROS))).containsExactly("ROLLBACK v1");
        assertThat(versionsIn(beforeRelease1, afterRelease1)).containsExactly("ROLLOUT v1");
        assertThat(versionsIn(afterRelease1, afterRelease2)).containsExactly("ROLLOUT v2");
        assertThat(versionsIn(afterRelease2, afterRollback)).containsExactly("ROLLBACK v1");
        assertThat(versionsIn(beforeAnything, beforeRelease1)).isEmpty();

        JsonNode everyModel = ok(as("carla").get(COMPLIANCE + "/releases?from=" + beforeRelease1 + "&to="
                + afterRollback + "&size=100"), 200);
        List<JsonNode> all = items(everyModel);
        assertThat(all).filteredOn(r -> c.equals(r.path("modelName").asString())).isEqualTo(releases);
        for (JsonNode r : all) {
            assertThat(r.path("environment").asString()).isEqualTo(PRODUCTION);
            assertThat(instant(r.path("releasedAt"))).isAfterOrEqualTo(beforeRelease1).isBefore(afterRollback);
        }
        JsonNode paged = ok(as("carla").get(COMPLIANCE + "/releases?from=" + beforeAnything + "&to=" + afterRollback
                + "&model=" + c + "&size=2&page=1"), 200);
        assertThat(paged.path("totalItems").asInt()).isEqualTo(3);
        assertThat(items(paged)).containsExactly(releases.get(2));
    }

    @Test
    void aMissingOrBadPeriodIsBadInput() {
        String at = afterRelease1.toString();
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases"), "from", "to");
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=" + at), "to");
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?to=" + at), "from");
        assertThat(assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=" + at + "&to=" + at), "to")
                .path("detail").asString()).contains("after from");
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=" + afterRollback + "&to=" + at), "to");
        assertThat(assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=yesterday&to=" + at), "from")
                .path("detail").asString()).contains("yesterday");
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=yesterday&to=tomorrow"), "from", "to");
        assertThat(assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=" + beforeAnything + "&to=" + at
                + "&environment=qa"), "environment").path("detail").asString()).contains("qa");
        assertInvalidFields(as("carla").get(COMPLIANCE + "/releases?from=" + beforeAnything + "&to=" + at
                + "&size=0"), "size");
    }

    private List<String> versionsIn(Instant from, Instant to) {
        return items(ok(as("carla").get(COMPLIANCE + "/releases?from=" + from + "&to=" + to + "&model=" + c), 200))
                .stream().map(r -> r.path("kind").asString() + " v" + r.path("version").asInt()).toList();
    }

    /** Every release of one model to one environment, oldest first. */
    private List<JsonNode> releases(String model, String environment) {
        JsonNode page = ok(as("adam").get(COMPLIANCE + "/releases?from=" + beforeAnything + "&to="
                + Instant.now().plusSeconds(60) + "&environment=" + environment + "&model=" + model + "&size=100"), 200);
        assertThat(page.path("totalItems").asInt()).isEqualTo(page.path("items").size());
        return items(page);
    }

    /** A LOW model whose v1 then v2 were released to production (requests 1 and 2, approved by rita). */
    private String releasedTwice(String prefix) {
        String model = createModel(prefix, "LOW", "underwriting");
        for (int v = 1; v <= 2; v++) {
            registerVersion(model, "alice", versionBody("run-" + prefix + v, "abcdef" + v, null, List.of()));
            approve("rita", model, request("bob", model, v, PRODUCTION, "Release " + v), "ok " + v);
            startRollout(model, PRODUCTION, v, 100);
            complete(model, PRODUCTION);
        }
        return model;
    }

    private static void assertRelease(JsonNode release, String model, int version, String kind, String by,
                                      Integer replaced) {
        assertThat(release.path("modelName").asString()).as("%s", release).isEqualTo(model);
        assertThat(release.path("version").asInt()).as("%s", release).isEqualTo(version);
        assertThat(release.path("kind").asString()).as("%s", release).isEqualTo(kind);
        assertThat(release.path("releasedBy").asString()).as("%s", release).isEqualTo(by);
        if (replaced == null) {
            assertThat(release.path("replacedVersion").isNull()).as("%s", release).isTrue();
        } else {
            assertThat(release.path("replacedVersion").asInt()).as("%s", release).isEqualTo(replaced);
        }
    }

    private static void assertRequest(JsonNode request, int number, int version, String by, String justification,
                                      String model) {
        assertThat(request.path("number").asInt()).as("%s", request).isEqualTo(number);
        assertThat(request.path("version").asInt()).isEqualTo(version);
        assertThat(request.path("requestedBy").asString()).isEqualTo(by);
        assertThat(request.path("justification").asString()).isEqualTo(justification);
        assertThat(request.path("validationReportUri").asString()).isEqualTo(REPORT + model + "/" + version);
        assertThat(request.path("status").asString()).isEqualTo("GRANTED");
        assertThat(instant(request.path("grantedAt"))).isAfter(instant(request.path("requestedAt")));
    }

    /** (approvedBy, comment) pairs in order, each approved before the release unless hand-made. */
    private static void assertApprovals(JsonNode release, String... pairs) {
        List<String> given = new ArrayList<>();
        release.path("approvals").forEach(a -> {
            given.add(a.path("approvedBy").asString());
            given.add(a.path("comment").asString());
            if (!"hand-made".equals(a.path("comment").asString())) {
                assertThat(instant(a.path("approvedAt"))).isBefore(instant(release.path("releasedAt")));
            }
        });
        assertThat(given).containsExactly(pairs);
    }

    private static void assertEvidence(JsonNode release, String run, String commit) {
        JsonNode evidence = release.path("evidence");
        assertThat(evidence.path("artifactUri").asString()).isEqualTo("s3://ml-artifacts/" + run + "/model.onnx");
        assertThat(evidence.path("artifactDigest").asString()).isEqualTo(digest("artifact " + run));
        assertThat(evidence.path("trainingRun")).isEqualTo(Api.JSON.valueToTree(
                Map.of("id", run, "uri", "https://mlflow.internal/runs/" + run)));
        assertThat(evidence.path("source")).isEqualTo(Api.JSON.valueToTree(
                Map.of("repository", "git@github.com:acme/credit-models.git", "commit", commit)));
    }

    // ---- history ----

    @Test
    void theHistoryOfAModelListsEveryEventInOrderWithActorReasonAndCorrelationId() {
        JsonNode page = ok(as("carla").get(COMPLIANCE + "/models/" + c + "/history?size=100"), 200);
        List<JsonNode> history = items(page);
        List<String> steps = history.stream().map(h -> h.path("action").asString() + " " + h.path("actor").asString()
                + " " + (h.path("version").isNull() ? "-" : h.path("version").asInt()) + " "
                + (h.path("environment").isNull() ? "-" : h.path("environment").asString())).toList();
        assertThat(steps).containsExactly(
                "ModelRegistered alice - -",
                "ModelVersionRegistered alice 1 -",
                "ModelVersionRegistered bob 2 -",
                "PromotionRequested alice 1 production",
                // approvals carry the version and environment of their request (docs/reliability-rules.md)
                "PromotionApproved rita 1 production",
                "PromotionApproved ravi 1 production",
                "PromotionGranted ravi 1 production",
                "RolloutStarted alice 1 production",
                "RolloutCompleted alice 1 production",
                "RolloutStarted alice 2 staging",
                "RolloutCompleted alice 2 staging",
                "PromotionRequested bob 2 production",
                "PromotionApproved ravi 2 production",
                "PromotionApproved rita 2 production",
                "PromotionGranted rita 2 production",
                "RolloutStarted alice 2 production",
                "RolloutCompleted alice 2 production",
                "RolledBack alice 1 production");
        assertThat(page.path("totalItems").asInt()).isEqualTo(18);
        for (int i = 0; i < history.size(); i++) {
            JsonNode h = history.get(i);
            if (i > 0) {
                assertThat(h.path("sequence").asLong()).isGreaterThan(history.get(i - 1).path("sequence").asLong());
                assertThat(instant(h.path("recordedAt"))).isAfterOrEqualTo(instant(history.get(i - 1)
                        .path("recordedAt")));
            }
            assertThat(instant(h.path("recordedAt"))).isBetween(beforeAnything, afterRollback);
            assertThat(h.path("correlationId").asString()).as("%s", h).isNotBlank();
            assertThat(h.path("details").isObject()).as("details as JSON: %s", h).isTrue();
            assertThat(h.path("details").path("modelName").asString()).isEqualTo(c);
        }
        assertThat(history.get(3).path("reason").asString()).isEqualTo("First release of C");
        assertThat(history.get(4).path("reason").asString()).isEqualTo("C v1: backtest reviewed");
        assertThat(history.get(0).path("reason").isNull()).isTrue();
        assertThat(history.get(8).path("correlationId").asString()).isEqualTo(completionRequestId);
        JsonNode rolledBack = history.get(17);
        assertThat(rolledBack.path("reason").asString()).isEqualTo("Approval rate dropped 8%");
        assertThat(rolledBack.path("correlationId").asString()).isEqualTo(rollbackRequestId);
        assertThat(rolledBack.path("details").path("emergency").asBoolean()).isTrue();
        assertThat(rolledBack.path("details").path("replacedVersion").asInt()).isEqualTo(2);
        assertThat(history.get(6).path("details").path("requestNumber").asInt()).isEqualTo(1);
    }

    @Test
    void theHistoryIsPagedAndShowsRetirement() {
        JsonNode second = ok(as("adam").get(COMPLIANCE + "/models/" + c + "/history?size=5&page=1"), 200);
        assertThat(second.path("totalItems").asInt()).isEqualTo(18);
        assertThat(second.path("totalPages").asInt()).isEqualTo(4);
        assertThat(items(second)).extracting(h -> h.path("action").asString()).containsExactly(
                "PromotionApproved", "PromotionGranted", "RolloutStarted", "RolloutCompleted", "RolloutStarted");
        JsonNode all = ok(as("adam").get(COMPLIANCE + "/models/" + c + "/history?size=100"), 200);
        assertThat(items(second)).containsExactlyElementsOf(items(all).subList(5, 10));

        List<JsonNode> ofD = items(ok(as("carla").get(COMPLIANCE + "/models/" + d + "/history?size=100"), 200));
        JsonNode acknowledged = ofD.get(ofD.size() - 2);
        assertThat(acknowledged.path("action").asString()).isEqualTo("RollbackAcknowledged");
        assertThat(acknowledged.path("actor").asString()).isEqualTo("rita");
        assertThat(acknowledged.path("reason").asString()).isEqualTo("Incident INC-7 reviewed");
        JsonNode retired = ofD.get(ofD.size() - 1);
        assertThat(retired.path("action").asString()).isEqualTo("ModelRetired");
        assertThat(retired.path("actor").asString()).isEqualTo("alice");
        assertThat(retired.path("reason").asString()).isEqualTo("Replaced by the new checkout model");
        assertThat(retired.path("details").path("servingEnvironments").toString()).isEqualTo("[\"production\"]");
        assertThat(instant(retired.path("recordedAt"))).isBetween(beforeRetirement, afterRetirement);
    }

    @Test
    void theHistoryOfAnUnknownModelIsNotFound() {
        assertNotFound(as("carla").get(COMPLIANCE + "/models/" + uniqueName("nope") + "/history"));
        assertInvalidFields(as("carla").get(COMPLIANCE + "/models/" + c + "/history?size=500"), "size");
    }

    // ---- who may read ----

    @Test
    void onlyComplianceAndAdminReadTheComplianceViews() {
        List<String> paths = List.of(COMPLIANCE + "/inventory",
                COMPLIANCE + "/releases?from=" + beforeAnything + "&to=" + afterRollback,
                COMPLIANCE + "/models/" + c + "/history");
        for (String path : paths) {
            for (String refused : List.of("alice", "bob", "rita", "ravi")) {
                assertForbidden(as(refused).get(path));
            }
            for (String admitted : List.of("carla", "adam")) {
                assertThat(as(admitted).get(path).status()).as("%s as %s", path, admitted).isEqualTo(200);
            }
            assertThat(anonymous().get(path).status()).isEqualTo(401);
        }
    }
}
