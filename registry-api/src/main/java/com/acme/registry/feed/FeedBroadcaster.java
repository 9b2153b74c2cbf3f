package com.acme.registry.feed;

import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest feed events in memory, in position order, and who to wake when more are committed. A reader behind the
 * window (its position before {@link Window#floor}) reads {@code feed_event} instead; every event up to
 * {@link #head()} is there, as a batch is published only after it committed.
 */
@Component
public class FeedBroadcaster {

    /** Wakes a reader; it must not block (it schedules its own work). */
    public interface Reader {
        void wake();
    }

    /** Events after a position up to {@code upTo}: everything up to it was seen by whoever reads them. */
    public record Window(List<FeedEvent> events, long upTo) {
    }

    static final int CAPACITY = 10_000;

    private final FeedLog log;
    private final ArrayDeque<FeedEvent> recent = new ArrayDeque<>();
    private final Set<Reader> readers = ConcurrentHashMap.newKeySet();
    private boolean started;
    private long head;
    private long floor;

    public FeedBroadcaster(FeedLog log) {
        this.log = log;
    }

    void publish(List<FeedEvent> events) {
        synchronized (this) {
            start();
            for (FeedEvent event : events) {
                if (event.position() > head) {
                    recent.addLast(event);
                    head = event.position();
                }
            }
            while (recent.size() > CAPACITY) {
                floor = recent.removeFirst().position();
            }
        }
        readers.forEach(Reader::wake);
    }

    /** The last position published (at start: the last one in {@code feed_event}). */
    public synchronized long head() {
        start();
        return head;
    }

    /**
     * The events after {@code position} (at most {@code limit}) from memory, or null when {@code position} is before the
     * window and the table must be read, up to {@link #head()}.
     */
    public synchronized Window after(long position, int limit) {
        start();
        if (position < floor) {
            return null;
        }
        List<FeedEvent> events = new ArrayList<>();
        Iterator<FeedEvent> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext()) {
            FeedEvent event = newestFirst.next();
            if (event.position() <= position) {
                break;
            }
            events.add(event);
        }
        Collections.reverse(events);
        if (events.size() > limit) {
            events = new ArrayList<>(events.subList(0, limit));
            return new Window(events, events.get(limit - 1).position());
        }
        return new Window(events, Math.max(position, head));
    }

    public void subscribe(Reader reader) {
        readers.add(reader);
    }

    public void unsubscribe(Reader reader) {
        readers.remove(reader);
    }

    public int readers() {
        return readers.size();
    }

    private void start() {
        if (!started) {
            head = log.head();
            floor = head;
            started = true;
        }
    }
}
