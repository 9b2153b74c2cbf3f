package com.acme.registry.bench.figures;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.Worker;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** A worker that GETs a path chosen by the request's sequence number, with fixed headers, and wants a 200. */
final class Get implements Worker {

    private final HttpConnection http;
    private final Map<String, String> headers;
    private final LongFunction<String> path;

    Get(URI base, Map<String, String> headers, LongFunction<String> path) {
        this.http = new HttpConnection(base);
        this.headers = headers;
        this.path = path;
    }

    static LongFunction<String> roundRobin(List<String> paths) {
        return sequence -> paths.get((int) (sequence % paths.size()));
    }

    @Override
    public void call(long sequence) throws Exception {
        HttpConnection.Response r = http.get(path.apply(sequence), headers);
        if (r.status() != 200) {
            throw new IOException("HTTP " + r.status() + " " + r.text());
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
