package com.acme.registry.operations;

import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.ProjectionPositions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Per group: gauges {@code registry.projection.position}, {@code registry.projection.lag} and
 * {@code registry.projection.failing} (1 while the group cannot commit an event, else 0), and the counter
 * {@code registry.projection.failures} (failed attempts); and {@code registry.audit.missing.events}.
 */
@Component
public class ProjectionMetrics implements MeterBinder {

    private final ProjectionFreshness freshness;
    private final ProjectionPositions positions;

    public ProjectionMetrics(ProjectionFreshness freshness, ProjectionPositions positions) {
        this.freshness = freshness;
        this.positions = positions;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : AxonProcessingConfiguration.PROCESSING_GROUPS) {
            Gauge.builder("registry.projection.lag", freshness,
                            f -> f.group(group).map(ProjectionFreshness.GroupStatus::lag).orElse(-1L))
                    .tag("group", group).description("events in the store the projection has not processed")
                    .register(registry);
            Gauge.builder("registry.projection.position", freshness,
                            f -> f.group(group).map(ProjectionFreshness.GroupStatus::position).orElse(-1L))
                    .tag("group", group).description("global index of the last event the projection processed")
                    .register(registry);
            Gauge.builder("registry.projection.failing", freshness,
                            f -> f.group(group).map(g -> g.error() ? 1 : 0).orElse(1))
                    .tag("group", group).description("1 while the projection fails on an event (it retries), else 0")
                    .register(registry);
            FunctionCounter.builder("registry.projection.failures", positions, p -> p.failedAttempts(group))
                    .tag("group", group).description("failed attempts to commit a batch of events")
                    .register(registry);
        }
        Gauge.builder("registry.audit.missing.events", freshness, f -> {
                    ProjectionFreshness.AuditCompleteness audit = f.audit();
                    return audit.eventsStored() - audit.eventsRecorded();
                })
                .description("stored events without an audit record").register(registry);
    }
}
