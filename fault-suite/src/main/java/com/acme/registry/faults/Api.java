package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** One client thread's connection to the registry, signed in as one principal (a bearer token or HTTP Basic). */
public final class Api implements Closeable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpConnection http;
    private final Map<String, String> auth;

    private Api(URI base, Map<String, String> auth) {
        this.http = new HttpConnection(base);
        this.auth = auth;
    }

    /** {@code credential}: an API token's secret, or a person's {@link Registry#person} credential. */
    public static Api bearer(URI base, String credential) {
        return new Api(base, Registry.bearer(credential));
    }

    /** HTTP Basic: bcrypt on every request, so only where the password path itself is under test. */
    public static Api basic(URI base, String userColonPassword) {
        Map<String, String> auth = new LinkedHashMap<>(Registry.basic(userColonPassword));
        auth.remove("Content-Type");
        return new Api(base, auth);
    }

    public HttpConnection.Response get(String path) throws IOException {
        return http.exchange("GET", path, auth, null, null);
    }

    public HttpConnection.Response post(String path, Object body) throws IOException {
        return send("POST", path, Map.of(), body);
    }

    /** A JSON body (an object serialised, or bytes as they are) with extra headers, e.g. Idempotency-Key. */
    public HttpConnection.Response send(String method, String path, Map<String, String> headers, Object body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(auth);
        byte[] bytes = null;
        if (body != null) {
            all.put("Content-Type", "application/json");
            bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
        }
        all.putAll(headers);
        return http.exchange(method, path, all, bytes, null);
    }

    /** Raw: exactly these headers (besides the principal's) and bytes. */
    public HttpConnection.Response raw(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(auth);
        all.putAll(headers);
        return http.exchange(method, path, all, body, null);
    }

    public static JsonNode json(HttpConnection.Response r) {
        try {
            return r.body().length == 0 ? JSON.nullNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }

    /** "404 not-found: No model 'x'" — status, the problem's type or title, and its detail, abbreviated. */
    public static String describe(HttpConnection.Response r) {
        JsonNode body = json(r);
        String type = body.path("type").asText("");
        String kind = type.isEmpty() ? body.path("title").asText("") : type.substring(Math.max(type.lastIndexOf('/'), type.lastIndexOf(':')) + 1);
        String detail = body.path("detail").asText("");
        if (kind.isEmpty() && detail.isEmpty()) {
            String text = r.text().replaceAll("\\s+", " ");
            detail = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        }
        String s = r.status() + (kind.isEmpty() ? "" : " " + kind) + (detail.isEmpty() ? "" : ": " + detail);
        return s.length() > 220 ? s.substring(0, 220) + "…" : s;
    }

    @Override
    public void close() {
        http.close();
    }
}
