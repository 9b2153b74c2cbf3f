package com.acme.registry.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The event stream's settings ({@code registry.events.*}).
 *
 * @param heartbeat     how often an idle stream gets a comment line, so proxies keep it open
 * @param maxStreams    streams open at once; one more is answered 503 with Retry-After
 * @param maxStreamsPerCaller streams one user or token owner may hold open at once (one client may not take them all);
 *                      one more is answered 429 with Retry-After
 * @param streamThreads threads that write to streams (a write to a stalled client blocks one until it times out)
 */
@ConfigurationProperties("registry.events")
public record FeedProperties(Duration heartbeat, Integer maxStreams, Integer maxStreamsPerCaller,
                             Integer streamThreads) {

    public FeedProperties {
        heartbeat = heartbeat == null ? Duration.ofSeconds(15) : heartbeat;
        maxStreams = maxStreams == null ? 1000 : maxStreams;
        maxStreamsPerCaller = maxStreamsPerCaller == null ? 250 : maxStreamsPerCaller;
        streamThreads = streamThreads == null ? 8 : streamThreads;
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalStateException("registry.events.heartbeat must be positive, not " + heartbeat);
        }
    }
}
