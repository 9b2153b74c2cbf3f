package com.acme.registry.axon;

import com.acme.registry.audit.AuditLog;
import com.acme.registry.audit.AuditProjection;
import com.acme.registry.audit.AuditSubjects;
import com.acme.registry.model.CatalogProjection;
import com.acme.registry.promotion.PolicyInForce;
import com.acme.registry.promotion.PromotionApproved;
import com.acme.registry.promotion.PromotionGranted;
import com.acme.registry.promotion.PromotionProjection;
import com.acme.registry.promotion.PromotionRejected;
import com.acme.registry.promotion.PromotionRequested;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;
import com.acme.registry.rollout.ServingProjection;
import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelTagSet;
import com.acme.registry.model.ModelTagDeleted;
import com.acme.registry.model.ModelDescriptionChanged;
import com.acme.registry.model.VersionTagSet;
import com.acme.registry.model.VersionTagDeleted;
import com.acme.registry.model.VersionDescriptionChanged;
import com.acme.registry.model.VersionEvidenceCompleted;
import com.acme.registry.model.ModelAliasSet;
import com.acme.registry.model.ModelAliasDeleted;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.support.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projections handle a batch of events in one unit of work (as Axon's tracking processor hands them over), their
 * statements collected and sent as JDBC batches when the batch commits. Whatever the batch size, the rows are exactly
 * those of handling the events one at a time; a batch handled again changes nothing; a batch whose statements fail
 * leaves nothing behind. Real PostgreSQL, real Axon units of work and annotated handlers, no Spring context.
 */
class BatchedProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final List<String> TABLES = List.of(
            "catalog_model ORDER BY name", "catalog_version ORDER BY model_name, version",
            "catalog_version_metric ORDER BY model_name, version, metric",
            "catalog_alias ORDER BY model_name, alias",
            "promotion_request ORDER BY model_name, request_number",
            "promotion_approval ORDER BY model_name, request_number, approved_by",
            "model_rollback ORDER BY model_name, rollback_number", "rollout_start ORDER BY position",
            "model_release ORDER BY position", "serving_state ORDER BY model_name, environment",
            "serving_artifact ORDER BY model_name, version",
            "serving_interval ORDER BY model_name, environment, role, opened_at",
            "audit_record ORDER BY sequence");

    private static DataSource dataSource;
    private static JdbcTemplate jdbc;
    private static SpringTransactionManager transactions;

    private List<AnnotationEventHandlerAdapter> projections;

    @BeforeAll
    static void database() {
        dataSource = TestDatabase.migrated("batched");
        jdbc = new JdbcTemplate(dataSource);
        transactions = new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
    }

    @BeforeEach
    void empty() {
        jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
        TABLES.forEach(t -> jdbc.update("DELETE FROM " + t.substring(0, t.indexOf(' '))));
        jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
        ProjectionPositions positions = new ProjectionPositions();
        ObjectMapper axonJson = new AxonStorageConfiguration().defaultAxonObjectMapper();
        projections = List.of(
                new AnnotationEventHandlerAdapter(new CatalogProjection(jdbc, JsonMapper.builder().build(), positions)),
                new AnnotationEventHandlerAdapter(new PromotionProjection(jdbc, positions)),
                new AnnotationEventHandlerAdapter(new ServingProjection(jdbc, positions)),
                new AnnotationEventHandlerAdapter(new AuditProjection(new AuditLog(jdbc), axonJson, new AuditSubjects(jdbc, axonJson))));
    }

    @ParameterizedTest(name = "batches of {0} events")
    @ValueSource(ints = {1, 2, 3, 7, 1000})
    void batchesGiveTheRowsOfOneEventAtATime(int batchSize) throws Exception {
        List<TrackedEventMessage<?>> history = history();
        for (TrackedEventMessage<?> event : history) {
            handleAlone(event);
        }
        Map<String, List<Map<String, Object>>> oneByOne = tables();
        assertThat(oneByOne.get("catalog_version")).hasSize(8);
        assertThat(oneByOne.get("catalog_alias")).hasSize(1);
        assertThat(oneByOne.get("serving_state"))
                .filteredOn(r -> "credit-risk".equals(r.get("model_name")) && "staging".equals(r.get("environment")))
                .extracting(r -> r.get("champion_digest")).as("filled by the completion").containsExactly(DIGEST);
        assertThat(oneByOne.get("serving_interval")).isNotEmpty();
        assertThat(oneByOne.get("audit_record")).hasSize(history.size());

        empty();
        handleInBatches(history, batchSize);

        assertThat(tables()).isEqualTo(oneByOne);
    }

    @Test
    void handlingEventsAgainChangesNothing() throws Exception {
        List<TrackedEventMessage<?>> history = history();
        handleInBatches(history, 5);
        Map<String, List<Map<String, Object>>> once = tables();

        List<TrackedEventMessage<?>> twice = new ArrayList<>();
        history.forEach(event -> {
            twice.add(event);
            twice.add(event);
        });
        empty();
        handleInBatches(twice, 6); // every event redelivered at once, within and across batches
        assertThat(tables()).isEqualTo(once);

        // the whole stream again on top (the catalog, governance and the audit log are idempotent for that too; the
        // serving intervals only per event, as a replay of them starts from a reset)
        handleInBatches(history, 1000);
        Map<String, List<Map<String, Object>>> again = tables();
        for (String table : List.of("catalog_model", "catalog_version", "catalog_version_metric", "catalog_alias",
                "promotion_request",
                "promotion_approval", "model_rollback", "rollout_start", "model_release", "serving_artifact",
                "audit_record")) {
            assertThat(again.get(table)).as(table).isEqualTo(once.get(table));
        }
    }

    @Test
    void aBatchWhoseStatementsFailLeavesNothingBehind() throws Exception {
        List<TrackedEventMessage<?>> history = history();
        handleInBatches(history.subList(0, 10), 10);
        Map<String, List<Map<String, Object>>> before = tables();

        List<TrackedEventMessage<?>> failing = new ArrayList<>(history.subList(10, history.size()));
        String tooLong = "m".repeat(64); // catalog_model.name is VARCHAR(63): refused when the batch is flushed
        failing.add(tracked(history.size(), "alice", new ModelRegistered(tooLong, description(), "alice")));
        boolean failed;
        try {
            failed = handle(failing).isExceptional();
        } catch (RuntimeException e) { // a failure while committing may also be thrown
            failed = true;
        }

        assertThat(failed).isTrue();
        assertThat(tables()).as("the whole batch rolled back, audit records included").isEqualTo(before);

        handleInBatches(history.subList(10, history.size()), 1000); // the batch again, as the processor retries it
        Map<String, List<Map<String, Object>>> retried = tables();
        empty();
        for (TrackedEventMessage<?> event : history) {
            handleAlone(event);
        }
        assertThat(retried).isEqualTo(tables());
    }

    @Test
    void theLastEventOfACommittedBatchIsTheGroupsPosition() throws Exception {
        ProjectionPositions positions = new ProjectionPositions();
        PositionTrackingInterceptor interceptor = new PositionTrackingInterceptor("catalog", positions);
        List<TrackedEventMessage<?>> batch = history().subList(0, 6);
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.executeWithResult(() -> interceptor.handle(unitOfWork, () -> {
            assertThat(positions.hasSeen("catalog", 0)).as("nothing is seen before the commit").isFalse();
            return null;
        }));
        assertThat(positions.hasSeen("catalog", 5)).isTrue();
        assertThat(positions.hasSeen("catalog", 6)).isFalse();

        BatchingUnitOfWork<TrackedEventMessage<?>> failing = new BatchingUnitOfWork<>(history().subList(6, 9));
        failing.attachTransaction(transactions);
        ResultMessage<?> result = failing.executeWithResult(() -> interceptor.handle(failing, () -> {
            throw new IllegalStateException("a handler failed");
        }));
        assertThat(result.isExceptional()).isTrue();
        assertThat(positions.hasSeen("catalog", 6)).as("a rolled-back batch is not seen").isFalse();
    }

    private void handleAlone(TrackedEventMessage<?> event) throws Exception {
        for (AnnotationEventHandlerAdapter projection : projections) {
            projection.handle(event);
        }
    }

    private void handleInBatches(List<TrackedEventMessage<?>> history, int batchSize) {
        for (int from = 0; from < history.size(); from += batchSize) {
            ResultMessage<?> result = handle(history.subList(from, Math.min(history.size(), from + batchSize)));
            assertThat(result.isExceptional()).as(() -> String.valueOf(result.exceptionResult())).isFalse();
        }
    }

    /** One batch as the tracking processor handles it: one unit of work, one transaction, every message in turn. */
    private ResultMessage<?> handle(List<TrackedEventMessage<?>> batch) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        unitOfWork.attachTransaction(transactions);
        return unitOfWork.executeWithResult(() -> {
            handleAlone(unitOfWork.getMessage());
            return null;
        });
    }

    private Map<String, List<Map<String, Object>>> tables() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table.substring(0, table.indexOf(' ')), jdbc.queryForList("SELECT * FROM " + table).stream()
                    .map(row -> {
                        Map<String, Object> copy = new LinkedHashMap<>();
                        row.forEach((column, value) -> copy.put(column, value != null
                                && value.getClass().getName().equals("org.postgresql.util.PGobject")
                                ? value.toString() : value));
                        return copy;
                    }).toList());
        }
        return tables;
    }

    /** Two models, seven versions, an archival and a retirement; a promotion flow with rollouts and a rollback. */
    private static List<TrackedEventMessage<?>> history() {
        PolicyInForce high = new PolicyInForce(RiskTier.HIGH, true, 2, 30);
        List<Object> events = new ArrayList<>(List.of(
                new ModelRegistered("credit-risk", description(), "alice"),
                new ModelRegistered("fraud-screen", description(), "bob"),
                version("credit-risk", 1, Map.of("auc", 0.80, "ks", 0.41), null),
                version("fraud-screen", 1, Map.of("auc", 0.91), null),
                version("credit-risk", 2, Map.of("auc", 0.82, "ks", 0.40, "f1", 0.7), 1),
                new PromotionRequested("credit-risk", 1, 1, "production", "first", "https://r/1", "alice", high),
                new PromotionApproved("credit-risk", 1, "rita", "ok", 1),
                new PromotionApproved("credit-risk", 1, "ravi", "ok too", 2),
                new PromotionGranted("credit-risk", 1, 1, "production", T0.plus(30, ChronoUnit.DAYS)),
                new RolloutStarted("credit-risk", "production", 1, 10, 1, null),
                new RolloutTrafficChanged("credit-risk", "production", 1, 50),
                new RolloutCompleted("credit-risk", "production", 1, null),
                version("credit-risk", 3, Map.of("auc", 0.85), 2),
                new PromotionRequested("credit-risk", 2, 3, "production", "second", null, "bob", high),
                new PromotionRejected("credit-risk", 2, "rita", "not enough evidence"),
                new ModelVersionArchived("credit-risk", 2, "leaky feature"),
                new PromotionRequested("credit-risk", 3, 3, "production", "third", null, "bob", high),
                new PromotionApproved("credit-risk", 3, "rita", "fine now", 1),
                new PromotionApproved("credit-risk", 3, "ravi", "fine", 2),
                new PromotionGranted("credit-risk", 3, 3, "production", T0.plus(40, ChronoUnit.DAYS)),
                new RolloutStarted("credit-risk", "production", 3, 10, 3, 1),
                new RolloutCompleted("credit-risk", "production", 3, 1),
                new RolledBack("credit-risk", "production", 1, 1, 3, "declines", "alice", true),
                new RollbackAcknowledged("credit-risk", 1, "ravi", "reviewed"),
                version("fraud-screen", 2, Map.of(), 1),
                new RolloutStarted("fraud-screen", "staging", 2, 100, null, null),
                new RolloutAborted("fraud-screen", "staging", 2, "wrong artifact"),
                version("fraud-screen", 3, Map.of("auc", 0.93, "recall", 0.6), 2),
                version("credit-risk", 4, Map.of("auc", 0.86), 3),
                // the MLflow door: labels, and a version registered without digest that serves before completion
                new ModelTagSet("credit-risk", "stage", "beta"),
                new ModelVersionRegistered("credit-risk", 5, new VersionEvidence("s3://ml-artifacts/credit-risk/5",
                        null, null, null, null, null, null, null, null, null, null, null, null, Map.of()), "bob"),
                new ModelAliasSet("credit-risk", "shadow", 5),
                new VersionTagSet("credit-risk", 5, "note", "from mlflow"),
                new RolloutStarted("credit-risk", "staging", 5, 100, null, null),
                new RolloutCompleted("credit-risk", "staging", 5, null),
                new VersionEvidenceCompleted("credit-risk", 5, DIGEST, "onnx"),
                new ModelAliasSet("credit-risk", "shadow", 4),
                new ModelAliasDeleted("credit-risk", "shadow", 5),
                new ModelTagDeleted("credit-risk", "stage"),
                new ModelDescriptionChanged("credit-risk", "changed"),
                new VersionDescriptionChanged("credit-risk", 4, "tuned"),
                new VersionTagDeleted("credit-risk", 5, "note"),
                new ModelRetired("fraud-screen", "replaced")));
        List<TrackedEventMessage<?>> messages = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            messages.add(tracked(i, i % 2 == 0 ? "alice" : "bob", events.get(i)));
        }
        return messages;
    }

    private static TrackedEventMessage<?> tracked(long position, String actor, Object payload) {
        EventMessage<?> event = new GenericEventMessage<>("event-" + position, payload,
                MetaData.with("actor", actor).and("correlationId", "request-" + position),
                T0.plusSeconds(position));
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position), event);
    }

    private static ModelDescription description() {
        return new ModelDescription("a model", "underwriting", RiskTier.HIGH, "credit decisions", "none",
                Map.of("domain", "bnpl"));
    }

    private static ModelVersionRegistered version(String model, int version, Map<String, Double> metrics,
                                                  Integer parent) {
        return new ModelVersionRegistered(model, version, new VersionEvidence(
                "s3://ml-artifacts/" + model + "/" + version + "/model.onnx", DIGEST, 48_213L + version, "onnx",
                new Signature(List.of(new SignatureField("income", "double")),
                        List.of(new SignatureField("pd", "double"))),
                metrics, Map.of("max_depth", "6"), new TrainingRun("run-" + version, "https://mlflow/runs/" + version),
                new SourceRef("git@github.com:acme/models.git", "3f2c1a" + version),
                List.of(new DatasetRef("applications", "2026-01", "s3://data/a", DIGEST, "training")),
                List.of("income", "utilization_90d"), parent, "retrain \"quoted\" é\n", Map.of("team", "uw")),
                model.startsWith("credit") ? "alice" : "bob");
    }
}
