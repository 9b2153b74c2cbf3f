package com.acme.registry.axon;


import com.acme.registry.model.RegisteredModel;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** How events are processed: propagating errors, request context on every event, tracked positions. */
@Configuration(proxyBeanMethods = false)
public class AxonProcessingConfiguration {

    /**
     * The catalog, governance and serving projections: one processing group, so each event is read and deserialised
     * once and a batch of events is one transaction with one token for all three (V9 moved the three groups' tokens).
     */
    public static final String READ_MODELS = "read-models";
    /** The audit log: its own group, as it is never rebuilt (append-only, with security events of its own). */
    public static final String AUDIT = "audit";

    /**
     * The event feed (stream and webhooks, {@code com.acme.registry.feed}): its own group, never rebuilt, as webhook
     * deliveries are created from its batches; no write waits for it.
     */
    public static final String EVENT_FEED = "event-feed";

    /** Processing groups whose committed position a write waits for (read-your-writes). */
    public static final List<String> TRACKED_GROUPS = List.of(READ_MODELS, AUDIT);
    /** Every processing group: each a tracking processor whose position and failures are tracked and shown. */
    public static final List<String> PROCESSING_GROUPS = List.of(READ_MODELS, AUDIT, EVENT_FEED);

    @Bean
    public ProjectionPositions projectionPositions() {
        return new ProjectionPositions();
    }

    @Bean
    public SmartInitializingSingleton projectionPositionsAtStart(JdbcTemplate jdbc, Serializer serializer,
                                                                 ProjectionPositions positions) {
        return new ProjectionPositionsAtStart(jdbc, serializer, positions);
    }

    @Bean
    public CorrelationDataProvider requestContextCorrelation() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR,
                CommandMetadata.CORRELATION_ID, CommandMetadata.REQUESTED_AT,
                CommandMetadata.ACTING_FOR);
    }

    /** Models kept in memory between commands; a model's state is small (a status and a flag per version). */
    static final long CACHED_MODELS = 10_000;

    /**
     * The domain module knows no Spring, so its aggregates are registered here. A model is kept in memory between
     * commands rather than replayed from all its events each time (a model with 50 versions is ~100 events). The
     * event table's unique (aggregate, sequence) key still decides: a stale copy (another instance wrote) fails
     * its append with a concurrency conflict (409, retry), and a failed unit of work evicts the copy.
     */
    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(RegisteredModel.class)
                .configureCache(c -> new BoundedAggregateCache(CACHED_MODELS)));
    }

    /** Events a tracking processor handles in one transaction at most: while it catches up (a rebuild), whole batches. */
    public static final int BATCH_SIZE = 1000;
    /**
     * How long a tracking processor waits for a next event before it looks again (Axon's default: 1 s). A processor that
     * cannot find its position in the shared event cache (its gap-aware token differs from the cache's, as after a large
     * catch-up) reads on its own stream, and finds a new event only at its next wake-up after that event: when a later
     * one arrives or this wait runs out. With every writer waiting for its own event (read-your-writes), that was the
     * whole second (registrations at 1,000,000 events: 24/s, p99 1,014 ms; docs/benchmarks.md).
     */
    public static final long EVENT_AVAILABILITY_TIMEOUT_MILLIS = 20;

    /**
     * Tracking processors, not pooled ones: a pooled streaming processor picked up new events only ~400 ms after commit
     * here (its coordinator waits for the next scheduled claim), which every write would pay for read-your-writes; a
     * tracking processor takes ~10 ms. One thread and one segment each: the audit log is a hash chain in event order.
     */
    @Bean
    public ConfigurerModule trackingProcessors() {
        return configurer -> {
            for (String group : PROCESSING_GROUPS) {
                configurer.eventProcessing().registerTrackingEventProcessor(group,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(BATCH_SIZE)
                                .andInitialSegmentsCount(1)
                                .andEventAvailabilityTimeout(EVENT_AVAILABILITY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            }
        };
    }

    @Bean
    public ConfigurerModule eventProcessingDefaults(ProjectionPositions positions) {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                    .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance());
            for (String group : PROCESSING_GROUPS) {
                ProjectionFailureRecorder failures = new ProjectionFailureRecorder(group, positions);
                configurer.eventProcessing()
                        .registerHandlerInterceptor(group, c -> new PositionTrackingInterceptor(group, positions))
                        .registerErrorHandler(group, c -> failures)
                        .registerListenerInvocationErrorHandler(group, c -> failures);
            }
        };
    }
}
