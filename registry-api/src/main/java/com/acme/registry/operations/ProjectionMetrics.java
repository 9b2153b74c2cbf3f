package com.acme.registry.operations;

import com.acme.registry.axon.AxonProcessingConfiguration;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** Gauges {@code registry.projection.position}, {@code registry.projection.lag} per group, and the head. */
@Component
public class ProjectionMetrics implements MeterBinder {

    private final ProjectionFreshness freshness;

    public ProjectionMetrics(ProjectionFreshness freshness) {
        this.freshness = freshness;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : AxonProcessingConfiguration.TRACKED_GROUPS) {
            Gauge.builder("registry.projection.lag", freshness,
                            f -> f.group(group).map(ProjectionFreshness.GroupStatus::lag).orElse(-1L))
                    .tag("group", group).description("events in the store the projection has not processed")
                    .register(registry);
            Gauge.builder("registry.projection.position", freshness,
                            f -> f.group(group).map(ProjectionFreshness.GroupStatus::position).orElse(-1L))
                    .tag("group", group).description("global index of the last event the projection processed")
                    .register(registry);
        }
        Gauge.builder("registry.audit.missing.events", freshness, f -> {
                    ProjectionFreshness.AuditCompleteness audit = f.audit();
                    return audit.eventsStored() - audit.eventsRecorded();
                })
                .description("stored events without an audit record").register(registry);
    }
}
