package com.acme.registry.axon;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The highest event-store position each processing group has committed, as seen by this process (known from the
 * token store at start-up), and whether the group is failing on an event.
 * Lets a write wait until its projection has caught up, so a GET right after a 201 never answers 404; a write whose
 * projection is failing does not wait at all.
 */
public class ProjectionPositions {

    /**
     * A group that cannot commit a batch of events: the processor retries it (with a growing pause) until it succeeds.
     * {@code firstPosition}..{@code lastPosition} are the events whose changes failed (one event when they are
     * equal); {@code error} is the database's or handler's message, first line, bounded; {@code since} the first
     * failure of this run of failures, {@code attempts} how many failed attempts it had.
     */
    public record Failure(String processor, long firstPosition, long lastPosition, String error, Instant since,
                          long attempts) {
    }

    static final int ERROR_LENGTH = 300;

    private final Map<String, TrackingToken> committed = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> failedAttempts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();

    public void advance(String processingGroup, TrackingToken token) {
        committed.merge(processingGroup, token, (old, next) -> position(next) >= position(old) ? next : old);
        failures.remove(processingGroup);
        signal();
    }

    /** Records that {@code processingGroup} failed to commit the events at these positions. */
    public void failed(String processingGroup, String processor, long firstPosition, long lastPosition, Throwable error) {
        failedAttempts.computeIfAbsent(processingGroup, g -> new AtomicLong()).incrementAndGet();
        failures.merge(processingGroup,
                new Failure(processor, firstPosition, lastPosition, describe(error), Instant.now(), 1),
                (old, next) -> new Failure(next.processor(), next.firstPosition(), next.lastPosition(), next.error(),
                        old.since(), old.attempts() + 1));
        signal(); // writers waiting for this group stop waiting
    }

    /** The group's current failure, if its last attempt failed and nothing was committed since. */
    public Optional<Failure> failure(String processingGroup) {
        return Optional.ofNullable(failures.get(processingGroup));
    }

    /** Failed attempts of the group since this process started (a counter). */
    public long failedAttempts(String processingGroup) {
        AtomicLong attempts = failedAttempts.get(processingGroup);
        return attempts == null ? 0 : attempts.get();
    }

    /**
     * The first line of the innermost message (a database error is there; the statements and their values, in the
     * outer ones, are not shown), at most {@value #ERROR_LENGTH} characters.
     */
    public static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : root.getMessage().strip();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline).strip();
        }
        String text = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        return ReplacedText.text(text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH - 1) + "…" : text);
    }

    private void signal() {
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

    /**
     * Waits until {@code processingGroup} has committed {@code position}; false if the timeout passed first, or at
     * once if the group is failing (its events cannot be committed until the failure is resolved).
     */
    public boolean awaitPosition(String processingGroup, long position, long timeoutMillis) {
        if (hasSeen(processingGroup, position)) {
            return true;
        }
        if (failures.containsKey(processingGroup)) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            while (!hasSeen(processingGroup, position)) {
                if (failures.containsKey(processingGroup)) {
                    return false;
                }
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
