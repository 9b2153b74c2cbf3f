package com.acme.registry.axon;

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

    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    public void advance(String processingGroup, long position) {
        committed.merge(processingGroup, position, Math::max);
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** After a token reset the group starts again from the beginning of the event store. */
    public void reset(String processingGroup) {
        committed.put(processingGroup, -1L);
    }

    public long position(String processingGroup) {
        return committed.getOrDefault(processingGroup, -1L);
    }

    /** Waits until {@code processingGroup} has committed {@code position}; false if the timeout passed first. */
    public boolean awaitPosition(String processingGroup, long position, long timeoutMillis) {
        if (position(processingGroup) >= position) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (position(processingGroup) < position) {
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
