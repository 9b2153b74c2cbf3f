package com.acme.registry.support;

import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events client for {@code /api/v1/events/stream}, over a real connection: it parses the
 * {@code text/event-stream} lines into events and keeps comment lines (heartbeats) apart.
 */
public final class EventStreamClient implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Event(long id, String type, JsonNode data) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens {@code /api/v1/events/stream?query} as a demo user (password "demo"), with a Last-Event-ID if not null. */
    public static EventStreamClient open(int port, String user, String query, Long lastEventId) {
        return open(port, user, "demo", query, lastEventId);
    }

    public static EventStreamClient open(int port, String user, String password, String query, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/events/stream" + (query.isEmpty() ? "" : "?" + query)))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new StreamRefused(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                        body);
            }
            return new EventStreamClient(response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An answer other than 200. */
    public static final class StreamRefused extends RuntimeException {
        public final int status;
        public final String retryAfter;
        public final String body;

        StreamRefused(int status, String retryAfter, String body) {
            super(status + " " + body);
            this.status = status;
            this.retryAfter = retryAfter;
            this.body = body;
        }
    }

    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The next {@code count} events; fails if they do not all arrive within {@code timeout}. */
    public List<Event> take(int count, Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (taken.size() < count) {
                Event next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("got " + taken.size() + " of " + count + " events within " + timeout
                            + ": " + taken.stream().map(e -> e.id() + ":" + e.type()).toList());
                }
                taken.add(next);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return taken;
    }

    /** Events that arrive within {@code wait}: none is expected when this is called to prove silence. */
    public List<Event> drain(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Event> drained = new ArrayList<>();
        events.drainTo(drained);
        return drained;
    }

    /** The next comment line (without its colon), or null if none arrives within {@code timeout}. */
    public String nextComment(Duration timeout) {
        try {
            return comments.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            Long id = null;
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id == null ? -1 : id, type, Api.JSON.readTree(data.toString())));
                    }
                    id = null;
                    type = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5));
                }
            }
        } catch (IOException closed) {
            // closed by the test or by the registry
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // already closed
        }
        reader.interrupt();
    }
}
