package com.acme.registry.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A lean HTTP/1.1 client on one keep-alive connection, for one thread: no pools, futures or selector threads between
 * the measurement and the socket, so that the harness costs the shared CPUs as little as possible. Understands
 * Content-Length and chunked bodies; reconnects when the server closed the connection (Tomcat closes a keep-alive
 * connection after 100 requests by default, answering the last one with {@code Connection: close}).
 */
public final class HttpConnection implements Closeable {

    private static final int READ_TIMEOUT_MILLIS = 120_000;

    private final String host;
    private final int port;
    private final String hostHeader;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long connects;

    public HttpConnection(URI base) {
        this.host = base.getHost();
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.hostHeader = host + ":" + port;
        if (!"http".equals(base.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs are supported: " + base);
        }
    }

    /** A response; header names lower case. */
    public record Response(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How many TCP connections this client opened so far. */
    public long connects() {
        return connects;
    }

    public Response get(String path, Map<String, String> headers) throws IOException {
        return exchange("GET", path, headers, null, null);
    }

    public Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
        return exchange("POST", path, headers, body, null);
    }

    /**
     * Sends one request and reads its answer. With a {@code sink}, the body is written there as it arrives (the
     * returned body is then empty), so a large answer never sits in memory.
     */
    public Response exchange(String method, String path, Map<String, String> headers, byte[] body, OutputStream sink)
            throws IOException {
        boolean reused = socket != null;
        try {
            return once(method, path, headers, body, sink);
        } catch (IOException e) {
            closeQuietly();
            if (!reused || sink != null) {
                throw e;
            }
            // the server may have closed an idle keep-alive connection just before we wrote: one retry on a new one
            return once(method, path, headers, body, sink);
        }
    }

    private Response once(String method, String path, Map<String, String> headers, byte[] body, OutputStream sink)
            throws IOException {
        if (socket == null) {
            connect();
        }
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.write(body);
        }
        out.flush();

        String statusLine = readLine();
        if (statusLine == null) {
            throw new EOFException("connection closed before an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        String line;
        while ((line = readLine()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                responseHeaders.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream buffer = sink == null ? new ByteArrayOutputStream() : null;
        OutputStream target = sink == null ? buffer : sink;
        String length = responseHeaders.get("content-length");
        boolean close = "close".equalsIgnoreCase(responseHeaders.get("connection"));
        if ("HEAD".equals(method) || status == 204 || status == 304 || status / 100 == 1) {
            // no body
        } else if ("chunked".equalsIgnoreCase(responseHeaders.get("transfer-encoding"))) {
            readChunked(target);
        } else if (length != null) {
            copy(Long.parseLong(length), target);
        } else {
            in.transferTo(target);
            close = true;
        }
        if (close) {
            closeQuietly();
        }
        return new Response(status, responseHeaders, buffer == null ? new byte[0] : buffer.toByteArray());
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(READ_TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress(host, port), 5_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 65_536);
        out = new BufferedOutputStream(s.getOutputStream(), 16_384);
        connects++;
    }

    private void readChunked(OutputStream target) throws IOException {
        while (true) {
            String sizeLine = readLine();
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                String trailer;
                while ((trailer = readLine()) != null && !trailer.isEmpty()) {
                    // trailers are ignored
                }
                return;
            }
            copy(size, target);
            readLine(); // CRLF after the chunk
        }
    }

    private void copy(long length, OutputStream target) throws IOException {
        byte[] buffer = new byte[(int) Math.min(length, 65_536)];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("connection closed with " + left + " bytes of the body missing");
            }
            target.write(buffer, 0, n);
            left -= n;
        }
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int n = line.length();
                if (n > 0 && line.charAt(n - 1) == '\r') {
                    line.setLength(n - 1);
                }
                return line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
