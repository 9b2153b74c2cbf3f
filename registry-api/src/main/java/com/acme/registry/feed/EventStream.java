package com.acme.registry.feed;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One subscriber's Server-Sent Events stream. It keeps its own position and, when woken, sends every event after it
 * that passes its filter: from memory, or from {@code feed_event} while it is behind the broadcaster's window (a
 * resume from an old id). One drain runs at a time per stream, on the streams' executor.
 */
final class EventStream implements FeedBroadcaster.Reader {

    static final int TABLE_PAGE = 500;

    private final SseEmitter emitter;
    private final FeedFilter filter;
    private final FeedBroadcaster broadcaster;
    private final FeedLog log;
    private final Executor executor;
    private final Runnable onClose;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private volatile long position;
    private final AtomicBoolean closed = new AtomicBoolean();

    EventStream(SseEmitter emitter, FeedFilter filter, long position, FeedBroadcaster broadcaster, FeedLog log,
                Executor executor, Runnable onClose) {
        this.emitter = emitter;
        this.filter = filter;
        this.position = position;
        this.broadcaster = broadcaster;
        this.log = log;
        this.executor = executor;
        this.onClose = onClose;
    }

    @Override
    public void wake() {
        if (!closed.get() && wakeUps.getAndIncrement() == 0) {
            executor.execute(this::drain);
        }
    }

    long position() {
        return position;
    }

    private void drain() {
        int missed = 1;
        while (true) {
            try {
                sendAvailable();
            } catch (IOException | RuntimeException gone) {
                close();
                return;
            }
            missed = wakeUps.addAndGet(-missed);
            if (missed == 0 || closed.get()) {
                return;
            }
        }
    }

    private void sendAvailable() throws IOException {
        while (!closed.get()) {
            FeedBroadcaster.Window window = broadcaster.after(position, TABLE_PAGE);
            if (window == null) {
                long upTo = broadcaster.head();
                List<FeedEvent> page = log.after(position, upTo, filter, TABLE_PAGE);
                send(page);
                position = page.size() < TABLE_PAGE ? Math.max(position, upTo) : page.get(page.size() - 1).position();
                continue;
            }
            send(window.events());
            position = Math.max(position, window.upTo());
            if (window.events().size() < TABLE_PAGE) {
                return; // else the window was cut: read on
            }
        }
    }

    private void send(List<FeedEvent> events) throws IOException {
        for (FeedEvent event : events) {
            if (filter.matches(event)) {
                emitter.send(SseEmitter.event().id(Long.toString(event.position())).name(event.type())
                        .data(event.json(), MediaType.APPLICATION_JSON));
            }
            position = event.position();
        }
    }

    void heartbeat() {
        if (closed.get()) {
            return;
        }
        executor.execute(() -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | RuntimeException gone) {
                close();
            }
        });
    }

    void close() {
        if (closed.compareAndSet(false, true)) { // once, though a writer, the heartbeat and the container may race
            onClose.run();
            try {
                emitter.complete();
            } catch (RuntimeException alreadyDone) {
                // the client left first
            }
        }
    }
}
