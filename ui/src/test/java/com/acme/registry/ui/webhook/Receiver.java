package com.acme.registry.ui.webhook;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on 127.0.0.1 that keeps what it was sent and answers 200 with a little HTML in its body. */
final class Receiver implements AutoCloseable {

    static final String ANSWER = "ok <b>thanks</b>";

    record Received(String eventId, String eventType, String timestamp, String signature, byte[] body) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Receiver receiver = new Receiver(server);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var headers = exchange.getRequestHeaders();
                receiver.received.add(new Received(headers.getFirst("X-Registry-Event-Id"),
                        headers.getFirst("X-Registry-Event-Type"), headers.getFirst("X-Registry-Timestamp"),
                        headers.getFirst("X-Registry-Signature"), body));
                byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next request received, waiting at most {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("the receiver got nothing within " + timeout);
        }
        return next;
    }

    /** Fails if anything arrives within {@code wait}. */
    void assertNothingWithin(Duration wait) throws InterruptedException {
        Received next = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (next != null) {
            throw new AssertionError(url() + " was sent event " + next.eventId() + " (" + next.eventType() + ")");
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
