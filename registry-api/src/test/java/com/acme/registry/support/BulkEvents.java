package com.acme.registry.support;

import com.acme.registry.model.DatasetRef;
import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.promotion.RiskTier;
import com.acme.registry.model.Signature;
import com.acme.registry.model.SignatureField;
import com.acme.registry.model.SourceRef;
import com.acme.registry.model.TrainingRun;
import com.acme.registry.model.VersionEvidence;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Thousands of events in seconds: the events registrations over HTTP would store (a model, then its versions), appended
 * by the registry's own storage engine in a few transactions, as the benchmark harness's bulk seeder does. The
 * registry's projections then build every read model from them.
 */
public final class BulkEvents {

    private BulkEvents() {
    }

    /** Appends {@code models} models named {@code prefix-0…}, each with {@code versions} versions; returns the count. */
    public static int append(ApplicationContext context, String prefix, int models, int versions) {
        EventStorageEngine engine = context.getBean(EventStorageEngine.class);
        TransactionTemplate transactions = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        int appended = 0;
        int perTransaction = Math.max(1, 5_000 / (versions + 1));
        for (int from = 0; from < models; from += perTransaction) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int m = from; m < Math.min(models, from + perTransaction); m++) {
                String name = prefix + "-" + m;
                events.add(event(name, 0, new ModelRegistered(name, new ModelDescription("Bulk model " + m, "bulk",
                        RiskTier.values()[m % 3], "Bulk-seeded for a test", null, Map.of("bulk", "yes")), "alice")));
                for (int v = 1; v <= versions; v++) {
                    events.add(event(name, v, new ModelVersionRegistered(name, v, evidence(name, v), "alice")));
                }
            }
            transactions.executeWithoutResult(s -> engine.appendEvents(events));
            appended += events.size();
        }
        return appended;
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("RegisteredModel", aggregate, sequence, payload, MetaData.from(Map.of(
                "actor", "alice", "correlationId", "bulk-" + aggregate, "requestedAt", Instant.now().toString())));
    }

    private static VersionEvidence evidence(String model, int version) {
        String digest = "sha256:" + "%064x".formatted(Math.abs((long) (model + version).hashCode()));
        return new VersionEvidence("s3://bulk/" + model + "/" + version + "/model.onnx", digest, 1_000L + version,
                "onnx", new Signature(List.of(new SignatureField("income", "double")),
                List.of(new SignatureField("pd", "double"))),
                Map.of("auc", 0.7 + version / 1000.0, "ks", 0.4), Map.of("max_depth", "6"),
                new TrainingRun("run-" + version, "https://mlflow.internal/runs/" + version),
                new SourceRef("git@github.com:acme/models.git", "abcdef1"),
                List.of(new DatasetRef("applications", "2026-11-01", "s3://data/applications/2026-11-01", digest,
                        "training")),
                List.of("income"), version > 1 ? version - 1 : null, "Bulk version " + version, Map.of());
    }
}
