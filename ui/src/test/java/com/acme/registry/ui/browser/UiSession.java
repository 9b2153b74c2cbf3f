package com.acme.registry.ui.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A signed-in UI session without a browser, for what a browser would not send: forged POSTs, posts without a
 * CSRF token, roles that must be refused. It signs in through the real form and keeps the session cookie.
 */
public final class UiSession {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    public record Page(int status, String body, String location, HttpHeaders headers) {

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final int port;
    private final HttpClient client;

    private UiSession(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static UiSession anonymous(int port) {
        return new UiSession(port);
    }

    /** A demo user's session (password "demo"). */
    public static UiSession signedIn(int port, String user) {
        return signedIn(port, user, "demo");
    }

    public static UiSession signedIn(int port, String user, String password) {
        UiSession session = new UiSession(port);
        Page login = session.post("/login", Map.of("username", user, "password", password),
                session.csrfToken("/login"));
        if (login.status() != 302 || login.location() == null || login.location().contains("error")) {
            throw new IllegalStateException(user + " could not sign in: " + login.status() + " " + login.location());
        }
        return session;
    }

    /** The CSRF token that the page at {@code path} carries for its forms. */
    public String csrfToken(String path) {
        Matcher matcher = CSRF.matcher(get(path).body());
        if (!matcher.find()) {
            throw new IllegalStateException(path + " carries no CSRF token");
        }
        return matcher.group(1);
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** A GET accepting {@code accept} instead of HTML, as a page's script would send it. */
    public Page get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), accept);
    }

    /** A form POST with the given CSRF token (null sends none). */
    public Page post(String path, Map<String, String> form, String csrfToken) {
        Map<String, String> fields = new LinkedHashMap<>(form);
        if (csrfToken != null) {
            fields.put("_csrf", csrfToken);
        }
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A form POST with a valid CSRF token taken from the start page: only the role rule or the domain refuses. */
    public Page forge(String path, Map<String, String> form) {
        return post(path, form, csrfToken("/catalog"));
    }

    private Page send(HttpRequest.Builder request) {
        return send(request, "text/html");
    }

    private Page send(HttpRequest.Builder request, String accept) {
        try {
            HttpResponse<String> response = client.send(request.header("Accept", accept).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Page(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
