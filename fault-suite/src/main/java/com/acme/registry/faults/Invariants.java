package com.acme.registry.faults;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The invariants every scenario ends with: read models and audit log caught up (lags 0, a record for every event),
 * health UP, the audit chain valid, and the catalog equal to the event store with contiguous numbering.
 */
public final class Invariants {

    private final RegistryProcess registry;
    private final String adminToken;

    public Invariants(RegistryProcess registry, String adminToken) {
        this.registry = registry;
        this.adminToken = adminToken;
    }

    public List<Check> all(Duration catchUpLimit) {
        List<Check> checks = new ArrayList<>();
        checks.add(caughtUp(catchUpLimit));
        checks.add(health());
        checks.add(auditChain());
        checks.addAll(catalogEqualsEventStore());
        return checks;
    }

    /** Waits until both processing groups are at the head and the audit log holds every stored event. */
    public Check caughtUp(Duration limit) {
        String name = "read models and audit caught up (lags 0, eventsStored = eventsRecorded)";
        long start = System.nanoTime();
        String last = "no answer";
        try (HttpConnection http = new HttpConnection(registry.base())) {
            Registry client = new Registry(registry.base(), Api.JSON);
            while (System.nanoTime() - start < limit.toNanos()) {
                try {
                    Registry.Freshness f = client.freshness(http, adminToken, Registry.ALL_GROUPS);
                    last = String.format("max lag %d at head %d (%s), audit %d of %d events", f.maxLag(), f.head(),
                            f.detail(), f.eventsRecorded(), f.eventsStored());
                    if (f.caughtUp(true)) {
                        return Check.held(name, String.format("after %.1f s: %s",
                                (System.nanoTime() - start) / 1e9, last));
                    }
                } catch (IOException e) {
                    last = e.getMessage();
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Check.broken(name, "not after " + limit.toSeconds() + " s: " + last);
    }

    public Check health() {
        String name = "health UP";
        try (Api api = Api.bearer(registry.base(), adminToken)) {
            HttpConnection.Response r = api.get("/actuator/health");
            JsonNode body = Api.json(r);
            String status = body.path("status").asText("?");
            if (r.status() == 200 && "UP".equals(status)) {
                return Check.held(name, "UP");
            }
            List<String> down = new ArrayList<>();
            body.path("components").properties().forEach(e -> {
                if (!"UP".equals(e.getValue().path("status").asText())) {
                    down.add(e.getKey() + " " + e.getValue().path("status").asText() + " "
                            + abbreviate(e.getValue().path("details").toString(), 160));
                }
            });
            return Check.broken(name, r.status() + " " + status + (down.isEmpty() ? "" : ": " + down));
        } catch (IOException e) {
            return Check.broken(name, "no answer: " + e.getMessage());
        }
    }

    public Check auditChain() {
        String name = "audit chain valid (GET /api/v1/audit/verification)";
        try (Api api = Api.bearer(registry.base(), adminToken)) {
            HttpConnection.Response r = api.get("/api/v1/audit/verification");
            JsonNode body = Api.json(r);
            boolean valid = r.status() == 200 && body.path("valid").asBoolean(false);
            return Check.of(name, valid, valid ? body.path("records").asLong() + " records"
                    : Api.describe(r) + " " + abbreviate(body.toString(), 200));
        } catch (IOException e) {
            return Check.broken(name, "no answer: " + e.getMessage());
        }
    }

    /**
     * Per model, the catalog's version count and latest version equal the ModelVersionRegistered events; every model
     * of the store is in the catalog and no other; each model's versions in the store are exactly 1..n.
     */
    public List<Check> catalogEqualsEventStore() {
        List<Check> checks = new ArrayList<>();
        EventStore.Models store;
        Map<String, int[]> catalog;
        try {
            store = EventStore.read(registry.database());
            catalog = catalog();
        } catch (Exception e) {
            checks.add(Check.broken("catalog equals the event store", "could not read: " + e.getMessage()));
            return checks;
        }
        List<String> gaps = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        int versions = 0;
        for (Map.Entry<String, List<EventStore.StoredVersion>> e : store.versions().entrySet()) {
            List<EventStore.StoredVersion> list = e.getValue();
            versions += list.size();
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).version() != i + 1) {
                    gaps.add(e.getKey() + " " + list.stream().map(EventStore.StoredVersion::version).toList());
                    break;
                }
            }
            int[] row = catalog.get(e.getKey());
            int latest = list.stream().mapToInt(EventStore.StoredVersion::version).max().orElse(0);
            if (row == null) {
                differences.add(e.getKey() + " missing from the catalog");
            } else if (row[0] != list.size() || row[1] != latest) {
                differences.add(String.format("%s: catalog %d versions, latest %d; store %d, latest %d",
                        e.getKey(), row[0], row[1], list.size(), latest));
            }
        }
        catalog.keySet().stream().filter(m -> !store.versions().containsKey(m))
                .forEach(m -> differences.add(m + " in the catalog but not in the store"));
        checks.add(Check.of("contiguous version numbering per model (1..n in the store)", gaps.isEmpty(),
                gaps.isEmpty() ? store.versions().size() + " models, " + versions + " versions" : first(gaps)));
        checks.add(Check.of("catalog equals the event store (models, version count, latest version)",
                differences.isEmpty(), differences.isEmpty() ? catalog.size() + " models" : first(differences)));
        return checks;
    }

    /** Every model of the catalog: name → {versionCount, latestVersion}, paged through the API. */
    private Map<String, int[]> catalog() throws IOException {
        Map<String, int[]> models = new HashMap<>();
        try (Api api = Api.bearer(registry.base(), adminToken)) {
            for (int page = 0; ; page++) {
                HttpConnection.Response r = api.get("/api/v1/models?size=100&page=" + page);
                if (r.status() != 200) {
                    throw new IOException("GET /api/v1/models: " + Api.describe(r));
                }
                JsonNode items = Api.json(r).path("items");
                for (JsonNode m : items) {
                    models.put(m.path("name").asText(), new int[] {m.path("versionCount").asInt(),
                            m.path("latestVersion").asInt()});
                }
                if (items.size() < 100) {
                    return models;
                }
            }
        }
    }

    static String first(List<String> problems) {
        return problems.size() + " × e.g. " + String.join("; ", problems.subList(0, Math.min(3, problems.size())));
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
