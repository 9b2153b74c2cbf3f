package com.acme.registry.input;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** HTTP/1.1 written by hand, for what java.net.http refuses to send: chunked bodies, huge or odd headers. */
final class RawHttp {

    record Answer(int status, String head, String body) {
        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return head + "\n\n" + body;
        }
    }

    private RawHttp() {
    }

    static String basic(String user) {
        return "Authorization: Basic " + Base64.getEncoder()
                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** Sends {@code head} (request line and headers, without the blank line), then {@code body} as is. */
    static Answer send(int port, byte[] head, byte[] body) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (SocketException closedEarly) {
                // the server answered and closed before the whole body was sent: read its answer
            }
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunked POST of {@code size} bytes of a JSON string value, in 8 KB chunks. */
    static Answer chunkedPost(int port, String path, String user, int size) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] json = ("{\"reason\":\"" + "x".repeat(size) + "\"}").getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < json.length; at += 8192) {
            int n = Math.min(8192, json.length - at);
            body.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(json, at, n);
            body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n" + basic(user)
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n";
        return send(port, head.getBytes(StandardCharsets.US_ASCII), body.toByteArray());
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
                if (complete(all.toString(StandardCharsets.UTF_8))) {
                    break;
                }
            }
        } catch (SocketException reset) {
            // the server closed after answering; keep what was read
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
        Answer answer = new Answer(status, head, body);
        if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
            answer = new Answer(status, head, dechunk(body));
        }
        return answer;
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Answer partial = new Answer(0, text.substring(0, end), "");
        String length = partial.header("Content-Length");
        if (length != null) {
            return text.getBytes(StandardCharsets.UTF_8).length - end - 4 >= Integer.parseInt(length);
        }
        return text.endsWith("0\r\n\r\n");
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int line = body.indexOf("\r\n", at);
            if (line < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, line).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, line + 2, line + 2 + size);
            at = line + 2 + size + 2;
        }
        return out.toString();
    }
}
