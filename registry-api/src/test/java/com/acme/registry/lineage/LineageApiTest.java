package com.acme.registry.lineage;

import com.acme.registry.support.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lineage through the HTTP API over one realistic history: model A with five versions (parent chains 3→2→1 and
 * 4→1, a root 5) on shared datasets, released to production (v1, then v2, then an emergency rollback to v1) with
 * v3 in a staging canary and v4 in a production canary at 25 %; model B with one version validated on A's training data, champion in staging.
 * Instants are recorded between the steps, so every interval's bounds are checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineageApiTest extends HistoryIntegrationTest {

    private String a;
    private String b;
    private String applications;
    private String holdout;
    private String outcomes;
    /** m[i]: instants between the serving steps, see {@link #buildHistory()}. */
    private final Instant[] m = new Instant[10];

    @BeforeAll
    void buildHistory() {
        a = createModel("lineage-a", "LOW", "underwriting");
        b = createModel("lineage-b", "LOW", "fraud");
        applications = uniqueName("applications");
        holdout = uniqueName("holdout");
        outcomes = uniqueName("outcomes");
        assertThat(registerVersion(a, "alice", versionBody("run-a1", "a1a1a1a", null, List.of(
                dataset(applications, "2026-01", "training"), dataset(holdout, "2026-01", "validation"))))).isEqualTo(1);
        assertThat(registerVersion(a, "bob", versionBody("run-a2", "b2b2b2b", 1, List.of(
                dataset(applications, "2026-02", "training"), dataset(holdout, "2026-02", "validation"))))).isEqualTo(2);
        assertThat(registerVersion(a, "alice", versionBody("run-a3", "c3c3c3c", 2, List.of(
                dataset(applications, "2026-02", "training"), dataset(applications, "2026-02", "test")))))
                .isEqualTo(3);
        assertThat(registerVersion(a, "bob", versionBody("run-a4", "d4d4d4d", 1, List.of(
                dataset(outcomes, "2026-02", "training"))))).isEqualTo(4);
        assertThat(registerVersion(a, "alice", versionBody("run-a5", "e5e5e5e", null, List.of(
                dataset(outcomes, "2026-02", "training"))))).isEqualTo(5);
        assertThat(registerVersion(b, "bob", versionBody("run-b1", "f6f6f6f", null, List.of(
                dataset(applications, "2026-02", "validation"), dataset(outcomes, "2026-02", "training")))))
                .isEqualTo(1);

        approve("rita", a, request("alice", a, 1, PRODUCTION, "First release"), "ok v1");
        m[0] = mark();
        startRollout(a, PRODUCTION, 1, 10);
        m[1] = mark();
        traffic(a, PRODUCTION, 50);
        m[2] = mark();
        complete(a, PRODUCTION);
        m[3] = mark();
        approve("ravi", a, request("bob", a, 2, PRODUCTION, "Retrained"), "ok v2");
        startRollout(a, PRODUCTION, 2, 20);
        m[4] = mark();
        complete(a, PRODUCTION);
        m[5] = mark();
        rollBack("alice", a, PRODUCTION, "Approval rate dropped");
        m[6] = mark();
        startRollout(a, STAGING, 3, 30);
        m[7] = mark();
        startRollout(b, STAGING, 1, 100);
        complete(b, STAGING);
        m[8] = mark();
        approve("rita", a, request("alice", a, 4, PRODUCTION, "Challenger"), "ok v4");
        startRollout(a, PRODUCTION, 4, 25);
        m[9] = mark();
        ok(as("alice").post(modelPath(a) + "/versions/2/archival", Map.of("reason", "Leaky feature")), 200);
    }

    // ---- upstream of a version ----

    @Test
    void aVersionShowsItsEvidenceAndItsParentChainToTheRoot() {
        JsonNode v3 = lineage(a, 3);
        assertThat(v3.path("modelName").asString()).isEqualTo(a);
        assertThat(v3.path("version").asInt()).isEqualTo(3);
        assertThat(v3.path("registeredBy").asString()).isEqualTo("alice");
        assertThat(v3.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(v3.path("artifactUri").asString()).isEqualTo("s3://ml-artifacts/run-a3/model.onnx");
        assertThat(v3.path("artifactDigest").asString()).isEqualTo(digest("artifact run-a3"));
        assertThat(v3.path("datasets")).isEqualTo(Api.JSON.valueToTree(List.of(
                dataset(applications, "2026-02", "training"), dataset(applications, "2026-02", "test"))));
        assertThat(v3.path("trainingRun")).isEqualTo(Api.JSON.valueToTree(
                Map.of("id", "run-a3", "uri", "https://mlflow.internal/runs/run-a3")));
        assertThat(v3.path("source").path("repository").asString()).isEqualTo("git@github.com:acme/credit-models.git");
        assertThat(v3.path("source").path("commit").asString()).isEqualTo("c3c3c3c");
        assertThat(texts(v3.path("features"))).containsExactly("income", "utilization_90d", "feature_run-a3");
        assertThat(v3.path("parentVersion").asInt()).isEqualTo(2);

        JsonNode chain = v3.path("parentChain");
        assertThat(chain.size()).as("%s", chain).isEqualTo(2);
        assertAncestor(chain.get(0), 2, "bob", "run-a2", "ARCHIVED");
        assertAncestor(chain.get(1), 1, "alice", "run-a1", "REGISTERED");

        JsonNode v4 = lineage(a, 4).path("parentChain");
        assertThat(v4.size()).isEqualTo(1);
        assertAncestor(v4.get(0), 1, "alice", "run-a1", "REGISTERED");
        assertThat(lineage(a, 5).path("parentChain").size()).as("a root has no ancestors").isZero();
        assertThat(lineage(a, 1).path("parentChain").size()).isZero();
        assertThat(lineage(a, 5).path("parentVersion").isNull()).isTrue();
    }

    private void assertAncestor(JsonNode ancestor, int version, String registeredBy, String run, String status) {
        JsonNode registered = as("carla").get(modelPath(a) + "/versions/" + version).json();
        assertThat(ancestor.path("version").asInt()).isEqualTo(version);
        assertThat(ancestor.path("registeredBy").asString()).isEqualTo(registeredBy);
        assertThat(ancestor.path("artifactDigest").asString()).isEqualTo(digest("artifact " + run));
        assertThat(ancestor.path("status").asString()).isEqualTo(status);
        assertThat(instant(ancestor.path("registeredAt"))).isEqualTo(instant(registered.path("registeredAt")));
        assertThat(ancestor.size()).as("fields of %s", ancestor).isEqualTo(5);
    }

    @Test
    void servedInListsEveryIntervalPerEnvironmentAndRole() {
        JsonNode v1 = lineage(a, 1).path("servedIn");
        assertThat(v1.size()).as("%s", v1).isEqualTo(2);
        assertGroup(v1.get(0), PRODUCTION, "CANDIDATE", 2);
        assertInterval(v1.get(0).path("intervals").get(0), m[0], m[1], m[1], m[2], 10);
        assertInterval(v1.get(0).path("intervals").get(1), m[1], m[2], m[2], m[3], 50);
        assertGroup(v1.get(1), PRODUCTION, "CHAMPION", 4);
        JsonNode champion = v1.get(1).path("intervals");
        assertInterval(champion.get(0), m[2], m[3], m[3], m[4], 100);
        assertInterval(champion.get(1), m[3], m[4], m[4], m[5], 80);
        assertInterval(champion.get(2), m[5], m[6], m[8], m[9], 100);
        assertInterval(champion.get(3), m[8], m[9], null, null, 75);
        assertContiguous(champion.get(2), champion.get(3));
        assertContiguous(v1.get(0).path("intervals"));
        assertContiguous(champion.get(0), champion.get(1));
        assertThat(champion.get(0).path("from")).as("champion from the completion on")
                .isEqualTo(v1.get(0).path("intervals").get(1).path("to"));

        JsonNode v2 = lineage(a, 2).path("servedIn");
        assertThat(v2.size()).isEqualTo(2);
        assertGroup(v2.get(0), PRODUCTION, "CANDIDATE", 1);
        assertInterval(v2.get(0).path("intervals").get(0), m[3], m[4], m[4], m[5], 20);
        assertGroup(v2.get(1), PRODUCTION, "CHAMPION", 1);
        assertInterval(v2.get(1).path("intervals").get(0), m[4], m[5], m[5], m[6], 100);
        assertThat(v2.get(1).path("intervals").get(0).path("to"))
                .as("v2 stopped serving when v1 was restored").isEqualTo(champion.get(2).path("from"));

        JsonNode v3 = lineage(a, 3).path("servedIn");
        assertThat(v3.size()).isEqualTo(1);
        assertGroup(v3.get(0), STAGING, "CANDIDATE", 1);
        assertInterval(v3.get(0).path("intervals").get(0), m[6], m[7], null, null, 30);

        JsonNode v4 = lineage(a, 4).path("servedIn");
        assertThat(v4.size()).isEqualTo(1);
        assertGroup(v4.get(0), PRODUCTION, "CANDIDATE", 1);
        assertInterval(v4.get(0).path("intervals").get(0), m[8], m[9], null, null, 25);
        assertThat(lineage(a, 5).path("servedIn").size()).as("never served").isZero();
        JsonNode b1 = lineage(b, 1).path("servedIn");
        assertThat(b1.size()).isEqualTo(2);
        assertGroup(b1.get(0), STAGING, "CANDIDATE", 1);
        assertGroup(b1.get(1), STAGING, "CHAMPION", 1);
        assertInterval(b1.get(1).path("intervals").get(0), m[7], m[8], null, null, 100);
    }

    private static void assertGroup(JsonNode group, String environment, String role, int intervals) {
        assertThat(group.path("environment").asString()).as("%s", group).isEqualTo(environment);
        assertThat(group.path("role").asString()).as("%s", group).isEqualTo(role);
        assertThat(group.path("intervals").size()).as("%s", group).isEqualTo(intervals);
    }

    /** from in (fromAfter, fromBefore); to in (toAfter, toBefore), or null when toAfter is null. */
    private static void assertInterval(JsonNode interval, Instant fromAfter, Instant fromBefore, Instant toAfter,
                                       Instant toBefore, int traffic) {
        Instant from = instant(interval.path("from"));
        assertThat(from).as("from of %s", interval).isAfter(fromAfter).isBefore(fromBefore);
        if (toAfter == null) {
            assertThat(interval.path("to").isNull()).as("open: %s", interval).isTrue();
        } else {
            assertThat(instant(interval.path("to"))).as("to of %s", interval).isAfter(toAfter).isBefore(toBefore);
        }
        assertThat(interval.path("trafficPercent").asInt()).as("traffic of %s", interval).isEqualTo(traffic);
    }

    private static void assertContiguous(JsonNode... intervals) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode node : intervals) {
            if (node.isArray()) {
                node.forEach(all::add);
            } else {
                all.add(node);
            }
        }
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).path("from")).as("interval %d starts where %d ended", i, i - 1)
                    .isEqualTo(all.get(i - 1).path("to"));
        }
    }

    @Test
    void unknownModelsAndVersionsAreNotFoundAndABadNumberIsBadInput() {
        JsonNode noModel = assertNotFound(as("rita").get(modelPath(uniqueName("nope")) + "/versions/1/lineage"));
        assertThat(noModel.path("detail").asString()).contains("No model named");
        JsonNode noVersion = assertNotFound(as("rita").get(modelPath(a) + "/versions/99/lineage"));
        assertThat(noVersion.path("detail").asString()).contains("has no version 99");
        assertInvalidFields(as("rita").get(modelPath(a) + "/versions/one/lineage"), "version");
    }

    @Test
    void everyRoleReadsLineage() {
        for (String user : EVERY_ROLE) {
            assertThat(as(user).get(modelPath(a) + "/versions/3/lineage").status()).as(user).isEqualTo(200);
            assertThat(as(user).get("/api/v1/lineage/datasets/" + applications).status()).as(user).isEqualTo(200);
        }
        assertThat(anonymous().get(modelPath(a) + "/versions/3/lineage").status()).isEqualTo(401);
        assertThat(anonymous().get("/api/v1/lineage/datasets/" + applications).status()).isEqualTo(401);
    }

    // ---- downstream of a dataset ----

    @Test
    void everyVersionThatUsedADatasetNewestFirstWithWhereItServesNow() {
        JsonNode page = usages(applications, "");
        assertThat(page.path("totalItems").asLong()).isEqualTo(4);
        List<JsonNode> items = items(page);
        assertThat(items).extracting(i -> i.path("modelName").asString() + "/" + i.path("version").asInt())
                .containsExactly(b + "/1", a + "/3", a + "/2", a + "/1");

        JsonNode b1 = items.get(0);
        assertThat(texts(b1.path("roles"))).containsExactly("validation");
        assertThat(b1.path("datasets").size()).isEqualTo(1);
        assertThat(b1.path("datasets").get(0)).isEqualTo(Api.JSON.valueToTree(
                dataset(applications, "2026-02", "validation")));
        assertThat(b1.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(b1.path("modelStatus").asString()).isEqualTo("ACTIVE");
        assertServing(b1, STAGING + " CHAMPION 100");

        JsonNode a3 = items.get(1);
        assertThat(texts(a3.path("roles"))).containsExactly("test", "training");
        assertThat(a3.path("datasets").size()).isEqualTo(2);
        assertServing(a3, STAGING + " CANDIDATE 30");

        JsonNode a2 = items.get(2);
        assertThat(texts(a2.path("roles"))).containsExactly("training");
        assertThat(a2.path("status").asString()).isEqualTo("ARCHIVED");
        assertServing(a2);

        JsonNode a1 = items.get(3);
        assertThat(a1.path("datasets").get(0).path("version").asString()).isEqualTo("2026-01");
        assertServing(a1, PRODUCTION + " CHAMPION 75");

        for (int i = 1; i < items.size(); i++) {
            assertThat(instant(items.get(i).path("registeredAt")))
                    .isBefore(instant(items.get(i - 1).path("registeredAt")));
        }
    }

    private static void assertServing(JsonNode usage, String... expected) {
        List<String> serving = new ArrayList<>();
        usage.path("servingNow").forEach(s -> serving.add(s.path("environment").asString() + " "
                + s.path("role").asString() + " " + s.path("trafficPercent").asInt()));
        assertThat(serving).as("%s", usage).containsExactly(expected);
    }

    @Test
    void versionDigestAndRoleNarrowTheMatch() {
        assertThat(versions(usages(applications, "?version=2026-01"))).containsExactly(a + "/1");
        assertThat(versions(usages(applications, "?version=2026-02"))).containsExactly(b + "/1", a + "/3", a + "/2");
        assertThat(versions(usages(applications, "?digest=" + digest(applications + "@2026-01"))))
                .containsExactly(a + "/1");
        assertThat(versions(usages(applications, "?digest=" + digest(applications + "@2026-02"))))
                .containsExactly(b + "/1", a + "/3", a + "/2");
        assertThat(versions(usages(applications, "?role=validation"))).containsExactly(b + "/1");
        JsonNode test = usages(applications, "?role=test");
        assertThat(versions(test)).containsExactly(a + "/3");
        assertThat(texts(items(test).get(0).path("roles"))).as("only the matching role").containsExactly("test");
        assertThat(versions(usages(applications, "?version=2026-02&role=training"))).containsExactly(a + "/3", a + "/2");
        assertThat(versions(usages(applications, "?version=2026-01&role=validation"))).isEmpty();
        assertThat(versions(usages(holdout, ""))).containsExactly(a + "/2", a + "/1");
        JsonNode outcomesUsages = usages(outcomes, "");
        assertThat(versions(outcomesUsages)).containsExactly(b + "/1", a + "/5", a + "/4");
        assertServing(items(outcomesUsages).get(1));
        assertServing(items(outcomesUsages).get(2), PRODUCTION + " CANDIDATE 25");
        JsonNode unknown = usages(uniqueName("never-used"), "");
        assertThat(unknown.path("totalItems").asLong()).isZero();
        assertThat(unknown.path("items").size()).isZero();
    }

    @Test
    void usagesArePaged() {
        JsonNode first = usages(applications, "?size=3");
        assertThat(versions(first)).containsExactly(b + "/1", a + "/3", a + "/2");
        assertThat(first.path("totalItems").asLong()).isEqualTo(4);
        assertThat(first.path("totalPages").asInt()).isEqualTo(2);
        JsonNode second = usages(applications, "?size=3&page=1");
        assertThat(versions(second)).containsExactly(a + "/1");
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(versions(usages(applications, "?size=3&page=2"))).isEmpty();
    }

    @Test
    void badFiltersAreBadInput() {
        String path = "/api/v1/lineage/datasets/" + applications;
        assertThat(assertInvalidFields(as("rita").get(path + "?role=train"), "role").path("detail").asString())
                .contains("train");
        assertInvalidFields(as("rita").get(path + "?digest=md5:abc"), "digest");
        assertInvalidFields(as("rita").get(path + "?version="), "version");
        assertInvalidFields(as("rita").get(path + "?role=x&digest=sha256:1"), "role", "digest");
        assertInvalidFields(as("rita").get(path + "?size=0"), "size");
        assertInvalidFields(as("rita").get(path + "?page=-1"), "page");
    }

    private JsonNode lineage(String model, int version) {
        Api.Response response = as("rita").get(modelPath(model) + "/versions/" + version + "/lineage");
        return ok(response, 200);
    }

    private JsonNode usages(String dataset, String query) {
        return ok(as("bob").get("/api/v1/lineage/datasets/" + dataset + query), 200);
    }

    private static List<String> versions(JsonNode page) {
        return items(page).stream().map(i -> i.path("modelName").asString() + "/" + i.path("version").asInt()).toList();
    }
}
