package com.acme.registry.bench.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver of figure (n): an HTTP server on 127.0.0.1 (the JDK's), one path per subscription
 * ({@code /hook/<k>}), answering every POST {@code 204}. Each POST is recorded with the time its body had arrived, the
 * event id it names ({@code X-Registry-Event-Id}) and whether it checks out: the signature verifies with that
 * subscription's secret, and the body's {@code id} is the header's event id.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<Integer, String> secrets = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<FanOut.Receipt> receipts = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();
    private final Set<Long> pairs = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastReceipt = new AtomicLong(System.nanoTime());

    private WebhookReceiver(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    public static WebhookReceiver start(int threads) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        });
        WebhookReceiver receiver = new WebhookReceiver(server, pool);
        server.createContext("/hook/", receiver::handle);
        server.setExecutor(pool);
        server.start();
        return receiver;
    }

    /** The URL subscription {@code k} delivers to. */
    public String url(int k) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/" + k;
    }

    /** Subscription {@code k}'s signing secret, as its creation answered it. */
    public void secret(int k, String secret) {
        secrets.put(k, secret);
    }

    public long count() {
        return count.get();
    }

    /** Distinct (subscription, event id) pairs received so far (subscriptions numbered below 1024). */
    public long distinct() {
        return pairs.size();
    }

    /** When the last delivery arrived (System.nanoTime). */
    public long lastReceiptNanos() {
        return lastReceipt.get();
    }

    public List<FanOut.Receipt> receipts() {
        return new ArrayList<>(receipts);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long received = System.nanoTime();
            String path = exchange.getRequestURI().getPath();
            int k = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
            var headers = exchange.getRequestHeaders();
            String eventId = headers.getFirst("X-Registry-Event-Id");
            long id = eventId != null && eventId.matches("[0-9]{1,18}") ? Long.parseLong(eventId) : -1;
            boolean ok = id >= 0 && startsWithId(body, eventId) && WebhookSignatures.verify(secrets.get(k),
                    headers.getFirst("X-Registry-Timestamp"), body, headers.getFirst("X-Registry-Signature"),
                    System.currentTimeMillis() / 1000);
            receipts.add(new FanOut.Receipt(k, id, received, ok));
            count.incrementAndGet();
            pairs.add(id * 1024 + k);
            lastReceipt.set(received);
            exchange.sendResponseHeaders(204, -1);
        }
    }

    /** The published JSON starts with its id ({@code {"id":"123",…}}, as the feed writes it). */
    static boolean startsWithId(byte[] body, String eventId) {
        byte[] prefix = ("{\"id\":\"" + eventId + "\"").getBytes(StandardCharsets.US_ASCII);
        if (body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
