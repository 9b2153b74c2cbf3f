package com.acme.registry.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 requests sent from a chosen loopback address (127.x.y.z, all of them the local host on Linux), so that a
 * test has a source address of its own: sign-in throttling counts per address, and every other test uses 127.0.0.1.
 */
public final class FromAddress {

    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + headers + "\n" + body;
        }
    }

    private final String address;
    private final int port;

    private FromAddress(String address, int port) {
        this.address = address;
        this.port = port;
    }

    /** A loopback address no other test of the run is likely to use. */
    public static FromAddress fresh(int port) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new FromAddress("127." + random.nextInt(1, 255) + "." + random.nextInt(0, 256) + "."
                + random.nextInt(1, 255), port);
    }

    public String address() {
        return address;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public Answer get(String path, String authorization) {
        return send("GET", path, authorization == null ? Map.of() : Map.of("Authorization", authorization), null);
    }

    /** Sends one request on a connection of its own and reads the whole answer. */
    public Answer send(String method, String path, Map<String, String> headers, String body) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, InetAddress.getByName(address), 0)) {
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(all);
            return parse(all.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Answer(Integer.parseInt(lines[0].substring(9, 12)), headers, end < 0 ? "" : text.substring(end + 4));
    }
}
