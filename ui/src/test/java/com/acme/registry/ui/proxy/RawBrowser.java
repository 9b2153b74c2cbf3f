package com.acme.registry.ui.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 over a plain socket from 127.0.0.1, with headers java.net.http will not send ({@code Host}) and a
 * proxy's {@code X-Forwarded-*} headers; keeps the session cookie like a browser.
 */
final class RawBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    record Answer(int status, List<String[]> headers, String body) {

        String header(String name) {
            return headers(name).stream().findFirst().orElse(null);
        }

        List<String> headers(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        String location() {
            return header("Location");
        }

        @Override
        public String toString() {
            return status + " " + headers.stream().map(h -> h[0] + ": " + h[1]).toList();
        }
    }

    private final int port;
    private final Map<String, String> extraHeaders;
    private String sessionCookie;

    /** {@code extraHeaders} go with every request, e.g. {@code Host} or {@code X-Forwarded-Proto}. */
    RawBrowser(int port, Map<String, String> extraHeaders) {
        this.port = port;
        this.extraHeaders = new LinkedHashMap<>(extraHeaders);
    }

    Answer get(String path) {
        return send("GET", path, Map.of(), null);
    }

    /** Signs in through the form (CSRF token from the sign-in page) and answers the form's response. */
    Answer signIn(String user, String password) {
        Matcher csrf = CSRF.matcher(get("/login").body());
        if (!csrf.find()) {
            throw new IllegalStateException("/login carries no CSRF token");
        }
        return postForm("/login", Map.of("username", user, "password", password, "_csrf", csrf.group(1)));
    }

    Answer postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send("POST", path, Map.of("Content-Type", "application/x-www-form-urlencoded"), body);
    }

    Answer send(String method, String path, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "localhost:" + port);
        all.putAll(extraHeaders);
        all.putAll(headers);
        if (sessionCookie != null) {
            all.put("Cookie", sessionCookie);
        }
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        all.put("Content-Length", String.valueOf(content.length));
        all.put("Connection", "close");
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            Answer answer = read(socket.getInputStream());
            for (String cookie : answer.headers("Set-Cookie")) {
                if (cookie.startsWith("JSESSIONID=")) {
                    sessionCookie = cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';'));
                }
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
        }
        String body = text.substring(end + 4);
        boolean chunked = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Transfer-Encoding")
                && h[1].equalsIgnoreCase("chunked"));
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, chunked ? dechunk(body) : body);
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            byte[] rest = body.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
            String chunk = new String(rest, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            at = lineEnd + 2 + chunk.length() + 2;
        }
    }
}
