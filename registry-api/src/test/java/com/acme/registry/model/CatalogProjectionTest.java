package com.acme.registry.model;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;

import com.acme.registry.model.CatalogQueries.VersionFilter;
import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelEvent;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The catalog projection and its queries against a real, migrated PostgreSQL database, without Spring. */
class CatalogProjectionTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private static JdbcTemplate jdbc;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CatalogProjection projection;
    private CatalogQueries queries;

    /** An event as Axon would hand it over: the payload, its timestamp and the actor from its metadata. */
    private record Stored(ModelEvent event, Instant at, String actor) {
    }

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("projection"));
    }

    @BeforeEach
    void emptyCatalog() {
        jdbc.update("DELETE FROM catalog_alias");
        jdbc.update("DELETE FROM catalog_version_metric");
        jdbc.update("DELETE FROM catalog_version");
        jdbc.update("DELETE FROM catalog_model");
        projection = new CatalogProjection(jdbc, JSON);
        queries = new CatalogQueries(jdbc, JSON);
    }

    @Test
    void modelRegisteredProjectsEveryField() {
        apply(registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of("domain", "bnpl", "region", "eu"),
                "alice"));

        ModelView model = queries.model("credit-risk").orElseThrow();
        assertThat(model.name()).isEqualTo("credit-risk");
        assertThat(model.description()).isEqualTo("description of credit-risk");
        assertThat(model.ownerTeam()).isEqualTo("underwriting");
        assertThat(model.riskTier()).isEqualTo("HIGH");
        assertThat(model.intendedUse()).isEqualTo("intended use of credit-risk");
        assertThat(model.useRestrictions()).isEqualTo("not for collections");
        assertThat(model.tags()).isEqualTo(JSON.valueToTree(Map.of("domain", "bnpl", "region", "eu")));
        assertThat(model.status()).isEqualTo("ACTIVE");
        assertThat(model.registeredBy()).isEqualTo("alice");
        assertThat(model.registeredAt()).isEqualTo(T0);
        assertThat(model.retiredAt()).isNull();
        assertThat(model.retiredBy()).isNull();
        assertThat(model.retirementReason()).isNull();
        assertThat(model.latestVersion()).isZero();
        assertThat(model.versionCount()).isZero();
        assertThat(queries.model("credit")).isEmpty();
    }

    @Test
    void versionRegisteredProjectsAllEvidenceAndCountsVersions() {
        VersionEvidence first = evidence(Map.of("auc", 0.81, "ks", 0.42), null);
        VersionEvidence second = evidence(Map.of("auc", 0.87), 1);
        apply(registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of(), "alice"),
                version("credit-risk", 1, first, "alice", T0.plusSeconds(1)),
                version("credit-risk", 2, second, "bob", T0.plusSeconds(2)));

        ModelView model = queries.model("credit-risk").orElseThrow();
        assertThat(model.latestVersion()).isEqualTo(2);
        assertThat(model.versionCount()).isEqualTo(2);

        VersionView v1 = queries.version("credit-risk", 1).orElseThrow();
        assertThat(v1.modelName()).isEqualTo("credit-risk");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.artifactUri()).isEqualTo(first.artifactUri());
        assertThat(v1.artifactDigest()).isEqualTo(DIGEST);
        assertThat(v1.artifactSizeBytes()).isEqualTo(48_213L);
        assertThat(v1.framework()).isEqualTo("onnx");
        assertThat(v1.signature()).isEqualTo(JSON.valueToTree(first.signature()));
        assertThat(v1.signature().path("inputs").get(0).path("name").asString()).isEqualTo("income");
        assertThat(v1.metrics()).isEqualTo(JSON.valueToTree(Map.of("auc", 0.81, "ks", 0.42)));
        assertThat(v1.metrics().path("auc").asDouble()).isEqualTo(0.81);
        assertThat(v1.params()).isEqualTo(JSON.valueToTree(Map.of("max_depth", "6")));
        assertThat(v1.trainingRun().path("id").asString()).isEqualTo("run-1");
        assertThat(v1.trainingRun().path("uri").asString()).isEqualTo("https://mlflow.internal/runs/1");
        assertThat(v1.source().path("repository").asString()).isEqualTo("git@github.com:acme/credit-models.git");
        assertThat(v1.source().path("commit").asString()).isEqualTo("3f2c1a9");
        assertThat(v1.datasets()).isEqualTo(JSON.valueToTree(first.datasets()));
        assertThat(v1.datasets()).hasSize(2);
        assertThat(v1.datasets().get(1).path("role").asString()).isEqualTo("validation");
        assertThat(v1.datasets().get(1).path("digest").asString()).isEqualTo(DIGEST);
        assertThat(JSON.treeToValue(v1.datasets().get(0), DatasetRef.class)).isEqualTo(first.datasets().get(0));
        assertThat(v1.features()).isEqualTo(JSON.valueToTree(List.of("income", "utilization_90d")));
        assertThat(v1.parentVersion()).isNull();
        assertThat(v1.description()).isEqualTo("retrain");
        assertThat(v1.tags()).isEqualTo(JSON.valueToTree(Map.of("team", "underwriting")));
        assertThat(v1.status()).isEqualTo("REGISTERED");
        assertThat(v1.registeredBy()).isEqualTo("alice");
        assertThat(v1.registeredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(v1.archivedAt()).isNull();
        assertThat(v1.archivedBy()).isNull();
        assertThat(v1.archiveReason()).isNull();

        VersionView v2 = queries.version("credit-risk", 2).orElseThrow();
        assertThat(v2.parentVersion()).isEqualTo(1);
        assertThat(v2.registeredBy()).isEqualTo("bob");
        assertThat(v2.metrics()).isEqualTo(JSON.valueToTree(Map.of("auc", 0.87)));
        assertThat(queries.version("credit-risk", 3)).isEmpty();

        assertThat(jdbc.queryForList("""
                SELECT version, metric, value FROM catalog_version_metric WHERE model_name = 'credit-risk'
                ORDER BY version, metric""")).containsExactly(
                Map.of("version", 1, "metric", "auc", "value", 0.81),
                Map.of("version", 1, "metric", "ks", "value", 0.42),
                Map.of("version", 2, "metric", "auc", "value", 0.87));
    }

    @Test
    void versionWithoutOptionalEvidenceStoresEmptyDefaults() {
        VersionEvidence minimal = new VersionEvidence("s3://b/k", DIGEST, null, "sklearn", null, null, null, null,
                null, null, null, null, null, null);
        apply(registered("bare", "team", RiskTier.LOW, Map.of(), "bob"), version("bare", 1, minimal, "bob", T0));

        VersionView v = queries.version("bare", 1).orElseThrow();
        assertThat(v.artifactSizeBytes()).isNull();
        assertThat(v.signature()).isNull();
        assertThat(v.trainingRun()).isNull();
        assertThat(v.source()).isNull();
        assertThat(v.metrics().isEmpty()).isTrue();
        assertThat(v.datasets().isArray()).isTrue();
        assertThat(v.datasets().isEmpty()).isTrue();
        assertThat(v.features().isEmpty()).isTrue();
        assertThat(v.parentVersion()).isNull();
        assertThat(queries.model("bare").orElseThrow().versionCount()).isEqualTo(1);
    }

    @Test
    void archiveAndRetireCarryTheActorTimeAndReason() {
        Instant archivedAt = T0.plus(Duration.ofMinutes(5));
        Instant retiredAt = T0.plus(Duration.ofHours(1));
        apply(registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of(), "alice"),
                version("credit-risk", 1, evidence(Map.of("auc", 0.8), null), "alice", T0.plusSeconds(1)),
                version("credit-risk", 2, evidence(Map.of("auc", 0.9), 1), "alice", T0.plusSeconds(2)),
                new Stored(new ModelVersionArchived("credit-risk", 1, "leaks the target"), archivedAt, "bob"));

        VersionView archived = queries.version("credit-risk", 1).orElseThrow();
        assertThat(archived.status()).isEqualTo("ARCHIVED");
        assertThat(archived.archivedAt()).isEqualTo(archivedAt);
        assertThat(archived.archivedBy()).isEqualTo("bob");
        assertThat(archived.archiveReason()).isEqualTo("leaks the target");
        assertThat(archived.registeredBy()).isEqualTo("alice");
        VersionView untouched = queries.version("credit-risk", 2).orElseThrow();
        assertThat(untouched.status()).isEqualTo("REGISTERED");
        assertThat(untouched.archivedAt()).isNull();
        ModelView active = queries.model("credit-risk").orElseThrow();
        assertThat(active.status()).isEqualTo("ACTIVE");
        assertThat(active.versionCount()).as("archived versions still count").isEqualTo(2);

        apply(new Stored(new ModelRetired("credit-risk", "replaced by credit-risk-v2"), retiredAt, "rita"));
        ModelView retired = queries.model("credit-risk").orElseThrow();
        assertThat(retired.status()).isEqualTo("RETIRED");
        assertThat(retired.retiredAt()).isEqualTo(retiredAt);
        assertThat(retired.retiredBy()).isEqualTo("rita");
        assertThat(retired.retirementReason()).isEqualTo("replaced by credit-risk-v2");
        assertThat(retired.registeredBy()).isEqualTo("alice");
        assertThat(retired.latestVersion()).isEqualTo(2);
        assertThat(retired.versionCount()).isEqualTo(2);
    }

    @Test
    void versionsFilterByMetricRangeAndStatus() {
        apply(registered("m", "team", RiskTier.MEDIUM, Map.of(), "alice"),
                version("m", 1, evidence(Map.of("auc", 0.70, "ks", 0.3), null), "alice", T0),
                version("m", 2, evidence(Map.of("auc", 0.80), null), "alice", T0),
                version("m", 3, evidence(Map.of("auc", 0.90), null), "alice", T0),
                version("m", 4, evidence(Map.of("f1", 0.95), null), "alice", T0),
                new Stored(new ModelVersionArchived("m", 3, "bad"), T0, "bob"));

        assertThat(versions("m", new VersionFilter(null, null, null, null))).containsExactly(4, 3, 2, 1);
        assertThat(versions("m", new VersionFilter(null, "auc", null, null))).containsExactly(3, 2, 1);
        assertThat(versions("m", new VersionFilter(null, "auc", 0.80, null))).containsExactly(3, 2);
        assertThat(versions("m", new VersionFilter(null, "auc", null, 0.80))).containsExactly(2, 1);
        assertThat(versions("m", new VersionFilter(null, "auc", 0.75, 0.85))).containsExactly(2);
        assertThat(versions("m", new VersionFilter(null, "auc", 0.95, null))).isEmpty();
        assertThat(versions("m", new VersionFilter(null, "ks", 0.0, 1.0))).containsExactly(1);
        assertThat(versions("m", new VersionFilter(null, "f1", 0.9, null))).containsExactly(4);
        assertThat(versions("m", new VersionFilter(null, "unknown", null, null))).isEmpty();
        assertThat(versions("m", new VersionFilter("ARCHIVED", null, null, null))).containsExactly(3);
        assertThat(versions("m", new VersionFilter("REGISTERED", "auc", 0.80, null))).containsExactly(2);
        assertThat(queries.versions("m", new VersionFilter(null, "auc", 0.75, null), new PageRequest(0, 20))
                .totalItems()).isEqualTo(2);
        assertThat(versions("other", new VersionFilter(null, null, null, null))).isEmpty();
    }

    @Test
    void versionsArePagedNewestFirst() {
        List<Stored> events = new ArrayList<>(List.of(registered("m", "team", RiskTier.LOW, Map.of(), "alice")));
        for (int v = 1; v <= 5; v++) {
            events.add(version("m", v, evidence(Map.of("auc", 0.5 + v / 100.0), null), "alice", T0));
        }
        apply(events.toArray(Stored[]::new));

        Page<VersionView> first = queries.versions("m", new VersionFilter(null, null, null, null), new PageRequest(0, 2));
        assertThat(first.items()).extracting(VersionView::version).containsExactly(5, 4);
        assertThat(first.totalItems()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        Page<VersionView> last = queries.versions("m", new VersionFilter(null, null, null, null), new PageRequest(2, 2));
        assertThat(last.items()).extracting(VersionView::version).containsExactly(1);
        assertThat(last.totalItems()).isEqualTo(5);
        Page<VersionView> beyond = queries.versions("m", new VersionFilter(null, null, null, null), new PageRequest(3, 2));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.totalItems()).isEqualTo(5);
    }

    @Test
    void modelSearchFiltersByEveryCriterion() {
        apply(registered("pfx_one", "underwriting", RiskTier.HIGH, Map.of("domain", "bnpl"), "alice"),
                registered("pfxzone", "fraud", RiskTier.LOW, Map.of("domain", "cards"), "bob"),
                registered("pfx%two", "fraud", RiskTier.MEDIUM, Map.of("domain", "bnpl", "pii", "yes"), "bob"),
                registered("pfxatwo", "growth", RiskTier.HIGH, Map.of(), "alice"),
                registered("other", "underwriting", RiskTier.LOW, Map.of("pii", "no"), "alice"),
                new Stored(new ModelRetired("pfxatwo", "obsolete"), T0.plusSeconds(60), "alice"));

        assertThat(names(search("pfx", null, null, null, null, null)))
                .containsExactly("pfx%two", "pfx_one", "pfxatwo", "pfxzone");
        assertThat(names(search("pfx_", null, null, null, null, null))).as("'_' is literal").containsExactly("pfx_one");
        assertThat(names(search("pfx%", null, null, null, null, null))).as("'%' is literal").containsExactly("pfx%two");
        assertThat(names(search("pfx\\", null, null, null, null, null))).as("'\\' is literal").isEmpty();
        assertThat(names(search("PFX", null, null, null, null, null))).isEmpty();
        assertThat(names(search("", null, null, null, null, null))).hasSize(5);
        assertThat(names(search(null, "fraud", null, null, null, null))).containsExactly("pfx%two", "pfxzone");
        assertThat(names(search(null, "fraud ", null, null, null, null))).isEmpty();
        assertThat(names(search(null, null, "HIGH", null, null, null))).containsExactly("pfx_one", "pfxatwo");
        assertThat(names(search(null, null, null, "pii", null, null))).containsExactly("other", "pfx%two");
        assertThat(names(search(null, null, null, "domain", "bnpl", null))).containsExactly("pfx%two", "pfx_one");
        assertThat(names(search(null, null, null, "domain", "bn", null))).isEmpty();
        assertThat(names(search(null, null, null, "pii", "no", null))).containsExactly("other");
        assertThat(names(search(null, null, null, "missing", null, null))).isEmpty();
        assertThat(names(search(null, null, null, null, "bnpl", null))).as("tagValue without tagKey is ignored")
                .hasSize(5);
        assertThat(names(search(null, null, null, null, null, "RETIRED"))).containsExactly("pfxatwo");
        assertThat(names(search(null, null, null, null, null, "ACTIVE"))).hasSize(4).doesNotContain("pfxatwo");
        assertThat(names(search("pfx", "fraud", "LOW", "domain", "cards", "ACTIVE"))).containsExactly("pfxzone");
        assertThat(names(search("pfx", null, "HIGH", null, null, "ACTIVE"))).containsExactly("pfx_one");
    }

    @Test
    void modelSearchIsPagedByName() {
        for (String name : List.of("e-model", "a-model", "d-model", "c-model", "b-model")) {
            apply(registered(name, "team", RiskTier.LOW, Map.of(), "alice"));
        }
        ModelSearch all = new ModelSearch(null, null, null, null, null, null);

        Page<ModelView> first = queries.models(all, new PageRequest(0, 2));
        assertThat(names(first)).containsExactly("a-model", "b-model");
        assertThat(first.totalItems()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(names(queries.models(all, new PageRequest(1, 2)))).containsExactly("c-model", "d-model");
        Page<ModelView> last = queries.models(all, new PageRequest(2, 2));
        assertThat(names(last)).containsExactly("e-model");
        assertThat(last.totalItems()).isEqualTo(5);
        Page<ModelView> filtered = queries.models(new ModelSearch("c", null, null, null, null, null),
                new PageRequest(0, 2));
        assertThat(filtered.totalItems()).isEqualTo(1);
        assertThat(filtered.totalPages()).isEqualTo(1);
        Page<ModelView> none = queries.models(new ModelSearch("zz", null, null, null, null, null),
                new PageRequest(0, 2));
        assertThat(none.items()).isEmpty();
        assertThat(none.totalItems()).isZero();
        assertThat(none.totalPages()).isZero();
    }

    @Test
    void everyEventTwiceChangesNothing() {
        List<Stored> history = history();
        apply(history.toArray(Stored[]::new));
        Map<String, List<Map<String, Object>>> once = tables();

        emptyCatalog();
        for (Stored event : history) {
            apply(event, event);
        }
        assertThat(tables()).as("each event applied twice in a row").isEqualTo(once);
        assertThat(queries.model("credit-risk").orElseThrow().versionCount()).isEqualTo(3);
        assertThat(queries.model("credit-risk").orElseThrow().latestVersion()).isEqualTo(3);

        apply(history.toArray(Stored[]::new));
        assertThat(tables()).as("the whole history applied again").isEqualTo(once);
        ModelView model = queries.model("credit-risk").orElseThrow();
        assertThat(model.versionCount()).as("versionCount not doubled").isEqualTo(3);
        assertThat(model.latestVersion()).isEqualTo(3);
        assertThat(model.status()).isEqualTo("RETIRED");
        assertThat(queries.version("credit-risk", 2).orElseThrow().status()).isEqualTo("ARCHIVED");
        assertThat(count("catalog_version_metric")).isEqualTo(5);
    }

    @Test
    void resetEmptiesTheCatalogAndReplayRebuildsIt() {
        List<Stored> history = history();
        apply(history.toArray(Stored[]::new));
        Map<String, List<Map<String, Object>>> before = tables();
        assertThat(count("catalog_model")).isEqualTo(2);
        assertThat(count("catalog_version")).isEqualTo(5);
        assertThat(count("catalog_alias")).isEqualTo(2);

        projection.reset();
        assertThat(count("catalog_model")).isZero();
        assertThat(count("catalog_version")).isZero();
        assertThat(count("catalog_version_metric")).isZero();
        assertThat(count("catalog_alias")).isZero();
        assertThat(queries.model("credit-risk")).isEmpty();

        apply(history.toArray(Stored[]::new));
        assertThat(tables()).isEqualTo(before);
    }

    @Test
    void labelsChangeTagsDescriptionsAndLastUpdatedTimes() {
        apply(registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of("domain", "bnpl"), "alice"),
                version("credit-risk", 1, evidence(Map.of("auc", 0.8), null), "alice", T0.plusSeconds(1)));
        ModelView registeredModel = queries.model("credit-risk").orElseThrow();
        assertThat(registeredModel.lastUpdatedAt()).isEqualTo(T0);
        assertThat(queries.version("credit-risk", 1).orElseThrow().lastUpdatedAt()).isEqualTo(T0.plusSeconds(1));

        apply(new Stored(new ModelTagSet("credit-risk", "stage", "beta"), T0.plusSeconds(2), "alice"),
                new Stored(new ModelTagSet("credit-risk", "domain", "cards"), T0.plusSeconds(3), "alice"),
                new Stored(new ModelTagDeleted("credit-risk", "stage"), T0.plusSeconds(4), "alice"),
                new Stored(new ModelDescriptionChanged("credit-risk", "scores applicants"), T0.plusSeconds(5), "bob"),
                new Stored(new VersionTagSet("credit-risk", 1, "note", "first"), T0.plusSeconds(6), "bob"),
                new Stored(new VersionTagSet("credit-risk", 1, "gone", "soon"), T0.plusSeconds(6), "bob"),
                new Stored(new VersionTagDeleted("credit-risk", 1, "gone"), T0.plusSeconds(7), "bob"),
                new Stored(new VersionDescriptionChanged("credit-risk", 1, "tuned"), T0.plusSeconds(8), "bob"));

        ModelView model = queries.model("credit-risk").orElseThrow();
        assertThat(model.tags()).isEqualTo(JSON.valueToTree(Map.of("domain", "cards")));
        assertThat(model.description()).isEqualTo("scores applicants");
        assertThat(model.lastUpdatedAt()).isEqualTo(T0.plusSeconds(5));
        VersionView v1 = queries.version("credit-risk", 1).orElseThrow();
        assertThat(v1.tags()).as("evidence tags kept, set tags added")
                .isEqualTo(JSON.valueToTree(Map.of("team", "underwriting", "note", "first")));
        assertThat(v1.description()).isEqualTo("tuned");
        assertThat(v1.lastUpdatedAt()).isEqualTo(T0.plusSeconds(8));
        assertThat(v1.missingEvidence()).isEmpty();

        apply(new Stored(new ModelDescriptionChanged("credit-risk", null), T0.plusSeconds(9), "bob"),
                new Stored(new ModelVersionArchived("credit-risk", 1, "old"), T0.plusSeconds(10), "bob"),
                new Stored(new ModelRetired("credit-risk", "gone"), T0.plusSeconds(11), "bob"));
        assertThat(queries.model("credit-risk").orElseThrow().description()).isNull();
        assertThat(queries.model("credit-risk").orElseThrow().lastUpdatedAt()).isEqualTo(T0.plusSeconds(11));
        assertThat(queries.version("credit-risk", 1).orElseThrow().lastUpdatedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void partialEvidenceIsStoredAndCompletionFillsOnlyWhatItGives() {
        apply(registered("fraud-screen", "fraud", RiskTier.MEDIUM, Map.of(), "bob"),
                version("fraud-screen", 1, partialEvidence(), "bob", T0.plusSeconds(1)));
        VersionView partial = queries.version("fraud-screen", 1).orElseThrow();
        assertThat(partial.artifactDigest()).isNull();
        assertThat(partial.framework()).isNull();
        assertThat(partial.missingEvidence()).containsExactly("artifactDigest", "framework");
        assertThat(JSON.valueToTree(partial).path("missingEvidence"))
                .isEqualTo(JSON.valueToTree(List.of("artifactDigest", "framework")));

        apply(new Stored(new VersionEvidenceCompleted("fraud-screen", 1, null, "sklearn"), T0.plusSeconds(2), "bob"));
        VersionView half = queries.version("fraud-screen", 1).orElseThrow();
        assertThat(half.framework()).isEqualTo("sklearn");
        assertThat(half.artifactDigest()).isNull();
        assertThat(half.missingEvidence()).containsExactly("artifactDigest");

        apply(new Stored(new VersionEvidenceCompleted("fraud-screen", 1, DIGEST, null), T0.plusSeconds(3), "bob"));
        VersionView complete = queries.version("fraud-screen", 1).orElseThrow();
        assertThat(complete.artifactDigest()).isEqualTo(DIGEST);
        assertThat(complete.framework()).as("not cleared by a completion without it").isEqualTo("sklearn");
        assertThat(complete.missingEvidence()).isEmpty();
        assertThat(complete.lastUpdatedAt()).isEqualTo(T0.plusSeconds(3));
    }

    @Test
    void aliasesMoveAndAreDeletedOnlyWhileTheyNameTheVersion() {
        apply(registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of(), "alice"),
                version("credit-risk", 1, evidence(Map.of("auc", 0.8), null), "alice", T0.plusSeconds(1)),
                version("credit-risk", 2, evidence(Map.of("auc", 0.9), 1), "alice", T0.plusSeconds(2)),
                new Stored(new ModelAliasSet("credit-risk", "shadow", 1), T0.plusSeconds(3), "alice"),
                new Stored(new ModelAliasSet("credit-risk", "Beta", 1), T0.plusSeconds(3), "alice"),
                new Stored(new ModelAliasSet("credit-risk", "shadow", 2), T0.plusSeconds(4), "bob"),
                // stale: "shadow" names version 2 now, so a delete of its version-1 naming leaves it
                new Stored(new ModelAliasDeleted("credit-risk", "shadow", 1), T0.plusSeconds(5), "bob"),
                new Stored(new ModelAliasSet("credit-risk", "alpha", 2), T0.plusSeconds(6), "bob"));

        ModelView model = queries.model("credit-risk").orElseThrow();
        assertThat(model.aliases()).containsExactly(Map.entry("Beta", 1), Map.entry("alpha", 2),
                Map.entry("shadow", 2));
        assertThat(model.lastUpdatedAt()).isEqualTo(T0.plusSeconds(6));
        assertThat(queries.version("credit-risk", 2).orElseThrow().aliases()).containsExactly("alpha", "shadow");
        assertThat(queries.versions("credit-risk", new VersionFilter(null, null, null, null), new PageRequest(0, 10))
                .items()).extracting(VersionView::aliases).containsExactly(List.of("alpha", "shadow"), List.of("Beta"));
        assertThat(jdbc.queryForMap("SELECT set_by, set_at FROM catalog_alias WHERE alias = 'shadow'"))
                .containsEntry("set_by", "bob");
        assertThat(queries.aliasVersion("credit-risk", "shadow")).contains(2);
        assertThat(queries.aliasVersion("credit-risk", "nope")).isEmpty();

        apply(new Stored(new ModelAliasDeleted("credit-risk", "shadow", 2), T0.plusSeconds(7), "bob"));
        assertThat(queries.aliasVersion("credit-risk", "shadow")).isEmpty();
        assertThat(queries.model("credit-risk").orElseThrow().aliases()).containsOnlyKeys("Beta", "alpha");
        assertThat(queries.version("credit-risk", 1).orElseThrow().aliases()).containsExactly("Beta");
        assertThat(search("credit", null, null, null, null, null).items().get(0).aliases())
                .containsOnlyKeys("Beta", "alpha");
    }


    private List<Stored> history() {
        return List.of(
                registered("credit-risk", "underwriting", RiskTier.HIGH, Map.of("domain", "bnpl"), "alice"),
                registered("fraud-screen", "fraud", RiskTier.MEDIUM, Map.of(), "bob"),
                version("credit-risk", 1, evidence(Map.of("auc", 0.80, "ks", 0.4), null), "alice", T0.plusSeconds(1)),
                version("fraud-screen", 1, evidence(Map.of("auc", 0.91), null), "bob", T0.plusSeconds(2)),
                version("credit-risk", 2, evidence(Map.of("auc", 0.82), 1), "bob", T0.plusSeconds(3)),
                new Stored(new ModelVersionArchived("credit-risk", 2, "wrong features"), T0.plusSeconds(4), "alice"),
                version("credit-risk", 3, evidence(Map.of("auc", 0.85), 1), "alice", T0.plusSeconds(5)),
                new Stored(new ModelAliasSet("credit-risk", "shadow", 1), T0.plusSeconds(5), "alice"),
                new Stored(new ModelAliasSet("credit-risk", "shadow", 3), T0.plusSeconds(5), "bob"),
                new Stored(new ModelAliasDeleted("credit-risk", "shadow", 1), T0.plusSeconds(5), "bob"),
                new Stored(new ModelTagSet("credit-risk", "stage", "beta"), T0.plusSeconds(5), "alice"),
                new Stored(new ModelRetired("credit-risk", "replaced"), T0.plusSeconds(6), "bob"),
                version("fraud-screen", 2, partialEvidence(), "bob", T0.plusSeconds(7)),
                new Stored(new VersionTagSet("fraud-screen", 2, "note", "from mlflow"), T0.plusSeconds(8), "bob"),
                new Stored(new VersionEvidenceCompleted("fraud-screen", 2, DIGEST, null), T0.plusSeconds(9), "bob"),
                new Stored(new ModelAliasSet("fraud-screen", "challenger", 2), T0.plusSeconds(10), "bob"),
                new Stored(new ModelDescriptionChanged("fraud-screen", null), T0.plusSeconds(11), "bob"));
    }

    private void apply(Stored... events) {
        for (Stored stored : events) {
            if (stored.event() instanceof ModelRegistered e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof ModelVersionRegistered e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof ModelRetired e) {
                projection.on(e, stored.at(), stored.actor());
            } else if (stored.event() instanceof ModelVersionArchived e) {
                projection.on(e, stored.at(), stored.actor());
            } else if (stored.event() instanceof ModelTagSet e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof ModelTagDeleted e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof ModelDescriptionChanged e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof VersionTagSet e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof VersionTagDeleted e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof VersionDescriptionChanged e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof VersionEvidenceCompleted e) {
                projection.on(e, stored.at());
            } else if (stored.event() instanceof ModelAliasSet e) {
                projection.on(e, stored.at(), stored.actor());
            } else if (stored.event() instanceof ModelAliasDeleted e) {
                projection.on(e, stored.at());
            } else {
                throw new IllegalArgumentException("unknown event " + stored.event());
            }
        }
    }

    private static Stored registered(String name, String team, RiskTier tier, Map<String, String> tags, String by) {
        return new Stored(new ModelRegistered(name, new ModelDescription("description of " + name, team, tier,
                "intended use of " + name, "not for collections", tags), by), T0, by);
    }

    private static Stored version(String model, int version, VersionEvidence evidence, String by, Instant at) {
        return new Stored(new ModelVersionRegistered(model, version, evidence, by), at, by);
    }

    /** What MLflow's client registers: no digest, no framework, no metrics. */
    private static VersionEvidence partialEvidence() {
        return new VersionEvidence("s3://ml-artifacts/fraud/model", null, null, null, null, null, null, null, null,
                null, null, null, null, Map.of("mlflow.source", "run-9"));
    }

    private static VersionEvidence evidence(Map<String, Double> metrics, Integer parent) {
        return new VersionEvidence("s3://ml-artifacts/credit-risk/model.onnx", DIGEST, 48_213L, "onnx",
                new Signature(List.of(new SignatureField("income", "double")),
                        List.of(new SignatureField("pd", "double"))),
                metrics, Map.of("max_depth", "6"), new TrainingRun("run-1", "https://mlflow.internal/runs/1"),
                new SourceRef("git@github.com:acme/credit-models.git", "3f2c1a9"),
                List.of(new DatasetRef("applications", "2026-01", "s3://data/applications/2026-01", DIGEST, "training"),
                        new DatasetRef("holdout", null, null, DIGEST, "validation")),
                List.of("income", "utilization_90d"), parent, "retrain", Map.of("team", "underwriting"));
    }

    private List<Integer> versions(String model, VersionFilter filter) {
        return queries.versions(model, filter, new PageRequest(0, 100)).items().stream()
                .map(VersionView::version).toList();
    }

    private Page<ModelView> search(String prefix, String team, String tier, String tagKey, String tagValue,
                                   String status) {
        return queries.models(new ModelSearch(prefix, team, tier, tagKey, tagValue, status), new PageRequest(0, 100));
    }

    private static List<String> names(Page<ModelView> page) {
        return page.items().stream().map(ModelView::name).toList();
    }

    private static int count(String table) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
        return count == null ? 0 : count;
    }

    /** Every catalog row, with JSON columns as text, in a stable order. */
    private static Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        tables.put("catalog_model", jdbc.queryForList("SELECT * FROM catalog_model ORDER BY name"));
        tables.put("catalog_version", jdbc.queryForList("SELECT * FROM catalog_version ORDER BY model_name, version"));
        tables.put("catalog_version_metric", jdbc.queryForList(
                "SELECT * FROM catalog_version_metric ORDER BY model_name, version, metric"));
        tables.put("catalog_alias", jdbc.queryForList("SELECT * FROM catalog_alias ORDER BY model_name, alias"));
        tables.values().forEach(rows -> rows.replaceAll(row -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((column, value) -> copy.put(column,
                    value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")
                            ? value.toString() : value));
            return copy;
        }));
        return tables;
    }
}
