package com.acme.registry.axon;

import java.util.LongSummaryStatistics;

/**
 * A projection's statement failed: names the event-store positions of the events whose changes it wrote (one
 * position when a single event's statement failed), so that an operator can find the event.
 */
public class ProjectionWriteException extends RuntimeException {

    private final long firstPosition;
    private final long lastPosition;

    public ProjectionWriteException(long firstPosition, long lastPosition, Throwable cause) {
        super((firstPosition == lastPosition ? "event " + firstPosition
                : "events " + firstPosition + " to " + lastPosition) + " could not be projected", cause);
        this.firstPosition = firstPosition;
        this.lastPosition = lastPosition;
    }

    static ProjectionWriteException of(LongSummaryStatistics positions, Throwable cause) {
        return new ProjectionWriteException(positions.getMin(), positions.getMax(), cause);
    }

    public long firstPosition() {
        return firstPosition;
    }

    public long lastPosition() {
        return lastPosition;
    }
}
