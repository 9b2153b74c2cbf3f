package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every answer the clients got during a fault, by class. Under a fault a client may see a success (2xx, 202
 * included), a 503 with Retry-After, or (only while the registry process is down) no connection; anything else
 * misleads it and is kept with its first example.
 */
public final class Answers {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, String> unexpected = new ConcurrentHashMap<>();
    private final boolean connectionErrorsAllowed;

    public Answers(boolean connectionErrorsAllowed) {
        this.connectionErrorsAllowed = connectionErrorsAllowed;
    }

    /** Records an answer; true when it is one a client may get under a fault. */
    public boolean record(String what, HttpConnection.Response r) {
        int s = r.status();
        String kind = what.startsWith("GET /api/v1/me") ? "sign-in " : what.startsWith("GET") ? "read " : "write ";
        boolean retryAfter = r.header("Retry-After") != null;
        String key;
        boolean allowed;
        if (s / 100 == 2) {
            key = String.valueOf(s);
            allowed = true;
        } else if (s == 503) {
            key = kind + (retryAfter ? "503 with Retry-After" : "503 without Retry-After");
            allowed = retryAfter;
        } else {
            String d = Api.describe(r);
            int colon = d.indexOf(':');
            key = kind + (colon < 0 ? d : d.substring(0, colon));
            allowed = false;
        }
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (!allowed) {
            unexpected.putIfAbsent(key, what + " → " + Api.describe(r));
        }
        return allowed;
    }

    /** A 409 to a write retried after no answer: the first attempt was applied, which the client then checks. */
    public void alreadyApplied(String what) {
        counts.computeIfAbsent("409 to a retried write (first attempt applied)", k -> new AtomicLong()).incrementAndGet();
    }

    public void connectionError(String what, Exception e) {
        String key = "no connection";
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (!connectionErrorsAllowed) {
            unexpected.putIfAbsent(key, what + " → " + e);
        }
    }

    public Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        return sorted;
    }

    public Check check(String invariant) {
        if (unexpected.isEmpty()) {
            return Check.held(invariant, counts().toString());
        }
        StringBuilder detail = new StringBuilder(counts().toString());
        new TreeMap<>(unexpected).forEach((k, example) -> detail.append("\n      ").append(k).append(" ×")
                .append(counts.get(k).get()).append(", e.g. ").append(example));
        return Check.broken(invariant, detail.toString());
    }
}
