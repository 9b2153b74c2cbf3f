package com.acme.registry.feed;

import java.time.Instant;

/**
 * One event of the event store as the feed publishes it. {@code position} is the event's global position in the
 * event store: its id on the stream and in webhooks, increasing, and the point to resume after. {@code json} is
 * the published body (docs/events.md): the fields below plus the event's own stored JSON as {@code data}.
 */
public record FeedEvent(long position, String type, EventTypes.Category category, String model, Integer version,
                        String environment, String actor, Instant occurredAt, Integer subjectNumber, String json) {
}
