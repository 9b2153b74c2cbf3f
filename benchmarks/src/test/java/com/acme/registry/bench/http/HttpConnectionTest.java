package com.acme.registry.bench.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HttpConnectionTest {

    private HttpServer server;
    private URI base;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("{\"auth\":\"" + exchange.getRequestHeaders().getFirst("Authorization") + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    out.write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/close", exchange -> {
            exchange.getResponseHeaders().add("Connection", "close");
            byte[] body = "bye".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void keepsOneConnectionForManyRequests() throws Exception {
        try (HttpConnection http = new HttpConnection(base)) {
            for (int i = 0; i < 50; i++) {
                HttpConnection.Response r = http.get("/fixed", Map.of("Authorization", "Bearer mrt_x"));
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.text()).isEqualTo("{\"auth\":\"Bearer mrt_x\"}");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
            }
            assertThat(http.connects()).isEqualTo(1);
        }
        assertThat(requests.get()).isEqualTo(50);
    }

    @Test
    void readsChunkedBodiesWholeOrIntoASink() throws Exception {
        try (HttpConnection http = new HttpConnection(base)) {
            HttpConnection.Response whole = http.get("/chunked", Map.of());
            assertThat(whole.text().lines()).hasSize(1000).startsWith("line 0").endsWith("line 999");
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            HttpConnection.Response streamed = http.exchange("GET", "/chunked", Map.of(), null, sink);
            assertThat(streamed.body()).isEmpty();
            assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo(whole.text());
            // the connection is still usable after a chunked body
            assertThat(http.get("/fixed", Map.of()).status()).isEqualTo(200);
            assertThat(http.connects()).isEqualTo(1);
        }
    }

    @Test
    void postsABodyAndReadsAnswersWithoutBody() throws Exception {
        try (HttpConnection http = new HttpConnection(base)) {
            HttpConnection.Response r = http.post("/echo", Map.of("Content-Type", "application/json"),
                    "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.text()).isEqualTo("{\"v\":1}");
            assertThat(http.get("/empty", Map.of()).status()).isEqualTo(204);
            assertThat(http.get("/fixed", Map.of()).status()).isEqualTo(200);
        }
    }

    @Test
    void reconnectsAfterTheServerClosedTheConnection() throws Exception {
        try (HttpConnection http = new HttpConnection(base)) {
            assertThat(http.get("/close", Map.of()).text()).isEqualTo("bye");
            assertThat(http.get("/fixed", Map.of()).status()).isEqualTo(200);
            assertThat(http.connects()).isEqualTo(2);
        }
    }
}
