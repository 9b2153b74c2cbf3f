package com.acme.registry.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A real HTTP receiver for webhook deliveries on 127.0.0.1: it records every POST (headers, body, when) and answers
 * as its script says, a status after an optional delay (a delay longer than the registry's read time-out is a
 * time-out for the registry).
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Answer(int status, Duration delay) {
        public static Answer ok() {
            return new Answer(200, Duration.ZERO);
        }

        public static Answer status(int status) {
            return new Answer(status, Duration.ZERO);
        }

        public static Answer after(Duration delay) {
            return new Answer(200, delay);
        }
    }

    /** One request as received; {@code answer} is what the script chose for it. */
    public record Received(Instant at, String deliveryId, long eventId, String eventType, String timestamp,
                           String signature, String body, Answer answer, Duration registryTimeout) {

        public JsonNode json() {
            return Api.JSON.readTree(body);
        }

        public String model() {
            return json().path("model").asString();
        }

        /** A 2xx answer given before the registry stopped waiting for it. */
        public boolean delivered() {
            return answer.status() / 100 == 2 && answer.delay().compareTo(registryTimeout) < 0;
        }

        /** Whether {@code X-Registry-Signature} is HMAC-SHA256 of "timestamp.body" under {@code secret}. */
        public boolean signedWith(String secret) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                byte[] expected = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                return ("sha256=" + HexFormat.of().formatHex(expected)).equals(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> script = request -> Answer.ok();

    private final Duration registryTimeout;

    private WebhookReceiver(HttpServer server, Duration registryTimeout) {
        this.server = server;
        this.registryTimeout = registryTimeout;
    }

    /** A receiver for a registry with a 1 s read time-out, as the shared test context has. */
    public static WebhookReceiver start() {
        return start(Duration.ofSeconds(1));
    }

    /** A receiver for a registry that waits {@code registryTimeout} for an answer. */
    public static WebhookReceiver start(Duration registryTimeout) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server, registryTimeout);
            server.createContext("/hook", receiver::handle);
            server.setExecutor(receiver.threads);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** How to answer the next requests: the function sees the request (its answer not yet set). */
    public void answer(Function<Received, Answer> script) {
        this.script = script;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests received once {@code done} holds for them; fails after {@code timeout}. */
    public List<Received> await(Predicate<List<Received>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> now = received();
            if (done.test(now)) {
                return now;
            }
            sleep(Duration.ofMillis(50));
        }
        throw new AssertionError("the receiver did not get what was expected within " + timeout + "; it got "
                + received().stream().map(r -> r.eventId() + ":" + r.eventType() + "/" + r.answer().status()).toList());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String eventId = headers.getFirst("X-Registry-Event-Id");
            Received request = new Received(Instant.now(), headers.getFirst("X-Registry-Delivery"),
                    eventId == null ? -1 : Long.parseLong(eventId), headers.getFirst("X-Registry-Event-Type"),
                    headers.getFirst("X-Registry-Timestamp"), headers.getFirst("X-Registry-Signature"), body, null,
                    registryTimeout);
            Answer answer = script.apply(request);
            received.add(new Received(request.at(), request.deliveryId(), request.eventId(), request.eventType(),
                    request.timestamp(), request.signature(), body, answer, registryTimeout));
            sleep(answer.delay());
            byte[] text = ("answered " + answer.status()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), text.length);
            exchange.getResponseBody().write(text);
        } catch (IOException cut) {
            // the registry gave up waiting (a time-out) and closed the connection
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
