package com.acme.registry.bench.feed;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** The body of an HTTP/1.1 answer in chunked transfer coding, as the plain bytes it carries; ends at the last chunk. */
public final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long left;
    private boolean started;
    private boolean done;

    public ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (!nextChunk()) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        left--;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!nextChunk()) {
            return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        left -= n;
        return n;
    }

    /** Whether a chunk has bytes left, reading the next chunk's size line if needed. */
    private boolean nextChunk() throws IOException {
        if (done) {
            return false;
        }
        if (left > 0) {
            return true;
        }
        if (left == 0 && started) {
            StreamSubscriber.line(in); // the CRLF after the chunk's data
        }
        started = true;
        String size = StreamSubscriber.line(in);
        if (size == null) {
            throw new EOFException("connection closed before a chunk's size");
        }
        int semicolon = size.indexOf(';');
        left = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
        if (left == 0) {
            String trailer;
            while ((trailer = StreamSubscriber.line(in)) != null && !trailer.isEmpty()) {
                // trailers are ignored
            }
            done = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
