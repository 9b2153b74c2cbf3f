package com.acme.registry.feed;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open event streams: opens one from a position, wakes them when events are published (through the
 * {@link FeedBroadcaster}), sends heartbeats, and closes them all before the web server's graceful shutdown, which
 * would otherwise wait for them.
 */
@Component
public class FeedStreams implements SmartLifecycle {

    /** The retry hint sent at the start of a stream: how long an EventSource waits before it reconnects. */
    static final long RECONNECT_MILLIS = 2000;

    private final FeedBroadcaster broadcaster;
    private final FeedLog log;
    private final FeedProperties properties;
    private final Set<EventStream> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opening = new AtomicInteger();
    /** Streams each caller holds (absent: none); changed only inside the map's atomic compute calls. */
    private final Map<String, Integer> perCaller = new ConcurrentHashMap<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public FeedStreams(FeedBroadcaster broadcaster, FeedLog log, FeedProperties properties) {
        this.broadcaster = broadcaster;
        this.log = log;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.writers = Executors.newFixedThreadPool(properties.streamThreads(), r -> daemon(r,
                "event-stream-" + threads.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "event-stream-heartbeat"));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Whether one more stream may open now. */
    public boolean full() {
        return open.size() + opening.get() >= properties.maxStreams();
    }

    /**
     * Opens a stream for {@code caller} of the events after {@code after} (null: from now on) that pass
     * {@code filter}.
     *
     * @throws StreamsFullException        when {@code registry.events.max-streams} are open
     * @throws CallerStreamsFullException when the caller holds {@code registry.events.max-streams-per-caller}
     */
    public SseEmitter open(String caller, FeedFilter filter, Long after) {
        boolean[] taken = {false};
        perCaller.compute(caller, (c, held) -> {
            int holding = held == null ? 0 : held;
            taken[0] = holding < properties.maxStreamsPerCaller();
            return taken[0] ? holding + 1 : held;
        });
        if (!taken[0]) {
            throw new CallerStreamsFullException(properties.maxStreamsPerCaller());
        }
        boolean opened = false;
        try {
            SseEmitter emitter = open(filter, after, () -> release(caller));
            opened = true;
            return emitter;
        } finally {
            if (!opened) {
                release(caller);
            }
        }
    }

    private void release(String caller) {
        perCaller.computeIfPresent(caller, (c, held) -> held <= 1 ? null : held - 1);
    }

    private SseEmitter open(FeedFilter filter, Long after, Runnable onClose) {
        if (opening.incrementAndGet() + open.size() > properties.maxStreams() || !running) {
            opening.decrementAndGet();
            throw new StreamsFullException(properties.maxStreams());
        }
        try {
            SseEmitter emitter = new SseEmitter(0L); // no time limit: heartbeats find a client that left
            long start = after == null ? broadcaster.head() : after;
            EventStream[] holder = new EventStream[1];
            EventStream stream = new EventStream(emitter, filter, start, broadcaster, log, writers,
                    () -> {
                        closed(holder[0]);
                        onClose.run();
                    });
            holder[0] = stream;
            emitter.onCompletion(stream::close);
            emitter.onTimeout(stream::close);
            emitter.onError(error -> stream.close());
            try {
                emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("position " + start));
            } catch (IOException gone) {
                stream.close();
                return emitter;
            }
            open.add(stream);
            broadcaster.subscribe(stream);
            stream.wake();
            return emitter;
        } finally {
            opening.decrementAndGet();
        }
    }

    private void closed(EventStream stream) {
        open.remove(stream);
        broadcaster.unsubscribe(stream);
    }

    public int openStreams() {
        return open.size();
    }

    @Override
    public void start() {
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(() -> open.forEach(EventStream::heartbeat), every, every,
                TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        open.forEach(EventStream::close);
        heartbeats.shutdownNow();
        writers.shutdown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The caller holds as many streams as one caller may: answered 429 with Retry-After. */
    public static class CallerStreamsFullException extends RuntimeException {
        public CallerStreamsFullException(int max) {
            super("One user or token may hold at most " + max + " event streams at once "
                    + "(registry.events.max-streams-per-caller), and you hold that many. Close one, or try again "
                    + "shortly.");
        }
    }

    /** Too many streams are open: answered 503 with Retry-After. */
    public static class StreamsFullException extends RuntimeException {
        public StreamsFullException(int max) {
            super("The registry serves at most " + max + " event streams at once (registry.events.max-streams), "
                    + "and that many are open. Try again shortly, or receive events by webhook.");
        }
    }
}
