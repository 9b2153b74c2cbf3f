package com.acme.registry.bench.registry;

import com.acme.registry.bench.http.HttpConnection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The registry's HTTP API as the harness uses it outside the measured loops: tokens, set-up, freshness, metrics. */
public final class Registry {

    public static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    private final URI base;
    private final ObjectMapper json;

    public Registry(URI base, ObjectMapper json) {
        this.base = base;
        this.json = json;
    }

    public URI base() {
        return base;
    }

    public ObjectMapper json() {
        return json;
    }

    public HttpConnection connect() {
        return new HttpConnection(base);
    }

    /** {@code credential}: an API token's secret, or a person's {@link #person} credential. */
    public static Map<String, String> bearer(String credential) {
        return Map.of("Authorization", authorization(credential));
    }

    public static Map<String, String> bearerJson(String credential) {
        return Map.of("Authorization", authorization(credential), "Content-Type", "application/json");
    }

    /** A person's credential for {@link #bearer}: HTTP Basic, so a bcrypt on each request. */
    public static String person(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static String authorization(String credential) {
        return credential.startsWith("Basic ") ? credential : "Bearer " + credential;
    }

    public static Map<String, String> basic(String userColonPassword) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8)), "Content-Type", "application/json");
    }

    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * The credentials one run uses. {@code writer} and {@code reader} are API tokens (machines), each a distinct actor
     * acting for the demo engineer {@link #TOKEN_OWNER}; {@code reviewer}, {@code compliance} and {@code admin} are
     * people ({@link #person}): approving, auditing and administering are acts of a person, no token may hold those
     * roles.
     */
    public record Tokens(String writer, String reader, String reviewer, String compliance, String admin) {
    }

    /** The demo ML engineer who owns the run's tokens; the demo reviewer ravi is not alice, so ravi may approve. */
    public static final String TOKEN_OWNER = "alice";

    /** Issues the run's tokens as the given ADMIN; the demo people ravi and carla review and audit. */
    public Tokens issueTokens(String admin, String runId) throws IOException {
        try (HttpConnection http = connect()) {
            return new Tokens(
                    issue(http, admin, "bench-" + runId + "-writer", "ML_ENGINEER"),
                    issue(http, admin, "bench-" + runId + "-reader", "READER"),
                    person("ravi:demo"), person("carla:demo"), person(admin));
        }
    }

    private String issue(HttpConnection http, String admin, String name, String role) throws IOException {
        JsonNode answer = expect(http.post("/api/v1/admin/tokens", basic(admin),
                bytes(Map.of("name", name, "roles", List.of(role), "owner", TOKEN_OWNER, "validDays", 7))), 201,
                "issue token " + name);
        return answer.path("secret").asText();
    }

    public byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public JsonNode expect(HttpConnection.Response response, int status, String what) throws IOException {
        if (response.status() != status) {
            throw new IOException(what + ": HTTP " + response.status() + " " + abbreviate(response.text()));
        }
        return response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
    }

    public JsonNode get(HttpConnection http, String path, String token) throws IOException {
        return expect(http.get(path, bearer(token)), 200, "GET " + path);
    }

    public JsonNode post(HttpConnection http, String path, String token, Object body, int status) throws IOException {
        return expect(http.post(path, bearerJson(token), body == null ? new byte[0] : bytes(body)), status,
                "POST " + path);
    }

    /** Whether GET /actuator/health/readiness answers UP. */
    public boolean ready(HttpConnection http) {
        try {
            HttpConnection.Response r = http.get("/actuator/health/readiness", Map.of());
            return r.status() == 200 && r.text().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** Projection positions against the head of the event store, and the audit log's completeness. */
    public record Freshness(long maxLag, long head, long eventsStored, long eventsRecorded, String detail) {

        public boolean caughtUp(boolean withAudit) {
            return maxLag == 0 && (!withAudit || eventsStored == eventsRecorded);
        }
    }

    public Freshness freshness(HttpConnection http, String adminToken, List<String> groups) throws IOException {
        JsonNode answer = get(http, "/api/v1/admin/read-models", adminToken);
        long maxLag = 0;
        long head = -1;
        StringBuilder detail = new StringBuilder();
        for (JsonNode group : answer.path("groups")) {
            if (!groups.contains(group.path("group").asText())) {
                continue;
            }
            maxLag = Math.max(maxLag, group.path("lag").asLong());
            head = group.path("head").asLong();
            detail.append(group.path("group").asText()).append('@').append(group.path("position").asLong()).append(' ');
        }
        JsonNode rebuild = answer.path("rebuild"); // a rebuild in progress: caught up once its tables are live
        if (rebuild.path("running").asBoolean()) {
            maxLag = Math.max(maxLag, Math.max(1, rebuild.path("lag").asLong()));
            detail.append("rebuild@").append(rebuild.path("position").asLong()).append(' ');
        }
        JsonNode audit = answer.path("audit");
        return new Freshness(maxLag, head, audit.path("eventsStored").asLong(), audit.path("eventsRecorded").asLong(),
                detail.toString().trim());
    }

    public static final List<String> ALL_GROUPS = List.of("read-models", "audit");
    public static final List<String> REBUILT_GROUPS = List.of("read-models");

    /** Waits until every projection (and the audit log) has every stored event; returns how long that took. */
    public Duration awaitProjections(String adminToken, Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        try (HttpConnection http = connect()) {
            while (true) {
                Freshness f = freshness(http, adminToken, ALL_GROUPS);
                if (f.caughtUp(true)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("projections have not caught up after " + limit + ": " + f);
                }
                Thread.sleep(100);
            }
        }
    }

    public static final List<String> FEED_GROUPS = List.of("event-feed");

    /** Waits until the event feed's processor has every stored event (the feed is not in {@link #ALL_GROUPS}). */
    public void awaitFeed(String adminToken, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (HttpConnection http = connect()) {
            while (true) {
                Freshness f = freshness(http, adminToken, FEED_GROUPS);
                if (f.maxLag() == 0 && f.detail().contains("event-feed@")) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the event feed has not caught up after " + limit + ": " + f);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The last position the feed published ({@code head} of {@code GET /api/v1/events}). */
    public long feedHead(HttpConnection http, String token) throws IOException {
        return get(http, "/api/v1/events?after=0&limit=1", token).path("head").asLong();
    }

    /** Every event the feed published after {@code after} that {@code token} may see, oldest first. */
    public List<JsonNode> feedEvents(HttpConnection http, String token, long after) throws IOException {
        java.util.ArrayList<JsonNode> events = new java.util.ArrayList<>();
        long from = after;
        while (true) {
            JsonNode page = get(http, "/api/v1/events?limit=1000&after=" + from, token);
            page.path("events").forEach(events::add);
            long next = page.path("after").asLong();
            if (page.path("events").size() < 1000 || next <= from) {
                return events;
            }
            from = next;
        }
    }

    /** {@code DELETE path}, expecting {@code status}. */
    public void delete(HttpConnection http, String path, String token, int status) throws IOException {
        expect(http.exchange("DELETE", path, bearer(token), null, null), status, "DELETE " + path);
    }

    /** A gauge of /actuator/metrics (ADMIN), e.g. jvm.memory.used with tag area:heap; NaN when absent. */
    public double metric(HttpConnection http, String adminToken, String name, String tag) throws IOException {
        String path = "/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + query(tag));
        HttpConnection.Response r = http.get(path, bearer(adminToken));
        if (r.status() != 200) {
            return Double.NaN;
        }
        for (JsonNode m : json.readTree(r.body()).path("measurements")) {
            if ("VALUE".equals(m.path("statistic").asText())) {
                return m.path("value").asDouble();
            }
        }
        return Double.NaN;
    }

    /** The values of one tag of a metric (e.g. jvm.info's version). */
    public String metricTag(HttpConnection http, String adminToken, String name, String tag) throws IOException {
        HttpConnection.Response r = http.get("/actuator/metrics/" + name, bearer(adminToken));
        if (r.status() != 200) {
            return "?";
        }
        for (JsonNode t : json.readTree(r.body()).path("availableTags")) {
            if (tag.equals(t.path("tag").asText())) {
                return t.path("values").toString().replaceAll("[\\[\\]\"]", "");
            }
        }
        return "?";
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
