package com.acme.registry.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The highest event-store position each processing group has committed, as seen by this process.
 * Lets a write wait until its projection has caught up, so a GET right after a 201 never answers 404.
 */
public class ProjectionPositions {

    private final Map<String, TrackingToken> committed = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    public void advance(String processingGroup, TrackingToken token) {
        committed.merge(processingGroup, token, (old, next) -> position(next) >= position(old) ? next : old);
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After a token reset the group starts again from the beginning of the event store. */
    public void reset(String processingGroup) {
        committed.remove(processingGroup);
    }

    /**
     * Whether the group has committed the event at {@code position}. A gap-aware token may have passed a position
     * whose transaction had not committed yet (a gap): that event is not seen until the gap is filled.
     */
    public boolean hasSeen(String processingGroup, long position) {
        TrackingToken token = committed.get(processingGroup);
        if (token == null) {
            return position < 0;
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return position <= gapAware.getIndex() && !gapAware.getGaps().contains(position);
        }
        return position <= position(token);
    }

    private static long position(TrackingToken token) {
        return token.position().orElse(-1L);
    }

    /** Waits until {@code processingGroup} has committed {@code position}; false if the timeout passed first. */
    public boolean awaitPosition(String processingGroup, long position, long timeoutMillis) {
        if (hasSeen(processingGroup, position)) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!hasSeen(processingGroup, position)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }
}
