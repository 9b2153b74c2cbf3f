package com.acme.registry.bench.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * One subscriber of figure (o): {@code GET /api/v1/events/stream} on a plain socket of its own, read by a thread of
 * its own, line by line ({@link SseParser}; chunked answers decoded by {@link ChunkedInputStream}). Records each
 * event's id and the time its blank line (which dispatches it) was read. Ready once the stream's {@code :position}
 * comment arrived, i.e. the registry has registered the stream.
 */
public final class StreamSubscriber implements AutoCloseable {

    private final int index;
    private final Socket socket;
    private final Thread thread;
    private final CountDownLatch ready = new CountDownLatch(1);
    private long[] ids = new long[1024];
    private long[] nanos = new long[1024];
    private int size;
    private volatile String failure;
    private volatile boolean closing;

    private StreamSubscriber(int index, Socket socket) {
        this.index = index;
        this.socket = socket;
        this.thread = new Thread(this::read, "sse-subscriber-" + index);
        this.thread.setDaemon(true);
    }

    /** Connects and sends the request; the answer is read on the subscriber's own thread. */
    public static StreamSubscriber open(int index, URI base, String pathAndQuery, String authorization)
            throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + authorization + "\r\nAccept: text/event-stream\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        StreamSubscriber subscriber = new StreamSubscriber(index, socket);
        subscriber.thread.start();
        return subscriber;
    }

    public boolean awaitReady(long millis) throws InterruptedException {
        return ready.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS) && failure == null;
    }

    /** Why the stream ended before it was closed, or null. */
    public String failure() {
        return failure;
    }

    /** How many events arrived so far; read from another thread, a hint only. */
    public synchronized int received() {
        return size;
    }

    public synchronized long lastId() {
        return size == 0 ? -1 : ids[size - 1];
    }

    /** The receipts, in arrival order; call after {@link #close}. */
    public synchronized void receipts(java.util.List<FanOut.Receipt> into) {
        for (int i = 0; i < size; i++) {
            into.add(new FanOut.Receipt(index, ids[i], nanos[i], true));
        }
    }

    private synchronized void record(long id, long at) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        ids[size] = id;
        nanos[size] = at;
        size++;
    }

    private void read() {
        try {
            InputStream raw = new BufferedInputStream(socket.getInputStream(), 16_384);
            String status = line(raw);
            if (status == null || !status.startsWith("HTTP/1.1 200")) {
                throw new IOException("answered " + status);
            }
            boolean chunked = false;
            String header;
            while ((header = line(raw)) != null && !header.isEmpty()) {
                String h = header.toLowerCase(Locale.ROOT);
                if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
                    chunked = true;
                }
            }
            InputStream body = chunked ? new BufferedInputStream(new ChunkedInputStream(raw), 16_384) : raw;
            SseParser parser = new SseParser(new SseParser.Listener() {
                @Override
                public void event(SseParser.Event event) {
                    record(Long.parseLong(event.id()), System.nanoTime());
                }

                @Override
                public void comment(String text) {
                    if (text.startsWith("position ")) {
                        ready.countDown();
                    }
                }
            });
            String line;
            while ((line = line(body)) != null) {
                parser.line(line);
            }
            if (!closing) {
                failure = "the stream ended";
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                failure = e.toString();
            }
        } finally {
            ready.countDown();
        }
    }

    /** A line without its end (LF, or CRLF), or null at the end of the stream. */
    static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        thread.join(5_000);
    }
}
