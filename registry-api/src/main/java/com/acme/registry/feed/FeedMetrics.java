package com.acme.registry.feed;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The gauges {@code registry.events.streams} (event streams open now) and {@code registry.events.head}. */
@Component
class FeedMetrics implements MeterBinder {

    private final FeedStreams streams;
    private final FeedBroadcaster broadcaster;

    FeedMetrics(FeedStreams streams, FeedBroadcaster broadcaster) {
        this.streams = streams;
        this.broadcaster = broadcaster;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("registry.events.streams", streams, FeedStreams::openStreams)
                .description("event streams open now").register(registry);
        Gauge.builder("registry.events.head", broadcaster, FeedBroadcaster::head)
                .description("the position of the newest event the feed published").register(registry);
    }
}
