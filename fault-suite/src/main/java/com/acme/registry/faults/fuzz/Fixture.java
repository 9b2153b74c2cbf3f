package com.acme.registry.faults.fuzz;

import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.faults.Api;
import com.acme.registry.faults.RegistryProcess;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state the fuzzer aims at, made with valid requests: a LOW-tier model with three versions, staging served by v1
 * after a release of v2 and a rollback (rollback 1), pending production requests 3 and 4, a model to retire, a user and
 * a token. The writer is an API token acting for the demo engineer alice; the reviewer (ravi) and the admin (adam) are
 * people signing in with HTTP Basic, as approving and administering are acts of a person, and ravi may approve what
 * alice's token requested.
 */
public record Fixture(String writer, String reviewer, String admin, String tokenId, Map<String, String> variables) {

    public static final String MODEL = "fuzz-target";
    public static final String RETIRABLE = "fuzz-retirable";
    public static final String USER = "fuzz-user";

    public static Fixture create(RegistryProcess registry, String runId) throws IOException {
        String admin;
        String writer;
        String reviewer;
        String tokenId;
        try (Api adam = Api.basic(registry.base(), "adam:demo")) {
            writer = issue(adam, "fuzz-writer-" + runId, "ML_ENGINEER").secret;
            tokenId = issue(adam, "fuzz-reader-" + runId, "READER").id;
            expect(adam.post("/api/v1/admin/users", Map.of("username", USER, "password", "engineer-passphrase",
                    "roles", List.of("ML_ENGINEER"))), 201, "create " + USER);
        }
        admin = Registry.person("adam:demo");
        reviewer = Registry.person("ravi:demo");
        String m = "/api/v1/models/" + MODEL;
        try (Api w = Api.bearer(registry.base(), writer); Api r = Api.bearer(registry.base(), reviewer)) {
            expect(w.post("/api/v1/models", Bodies.model(MODEL)), 201, "register " + MODEL);
            expect(w.post("/api/v1/models", Bodies.model(RETIRABLE)), 201, "register " + RETIRABLE);
            for (int v = 1; v <= 3; v++) {
                expect(w.post(m + "/versions", Bodies.version(v)), 201, "register v" + v);
            }
            expect(w.post(m + "/promotions", Map.of("version", 1, "environment", "staging", "justification", "fixture")),
                    201, "request 1");
            expect(w.post(m + "/environments/staging/rollout", Map.of("version", 1, "trafficPercent", 100)), 201,
                    "rollout v1");
            expect(w.post(m + "/environments/staging/rollout/completion", null), 200, "complete v1");
            expect(w.post(m + "/promotions", Map.of("version", 2, "environment", "staging", "justification", "fixture")),
                    201, "request 2");
            expect(w.post(m + "/environments/staging/rollout", Map.of("version", 2, "trafficPercent", 50)), 201,
                    "rollout v2");
            expect(w.post(m + "/environments/staging/rollout/completion", null), 200, "complete v2");
            expect(w.post(m + "/environments/staging/rollback", Map.of("reason", "fixture")), 200, "rollback");
            expect(w.post(m + "/promotions", Map.of("version", 2, "environment", "production",
                    "justification", "fixture", "validationReportUri", "https://validation.internal/r")), 201, "request 3");
            expect(w.post(m + "/promotions", Map.of("version", 3, "environment", "production",
                    "justification", "fixture", "validationReportUri", "https://validation.internal/r")), 201, "request 4");
            expect(r.get(m + "/promotions/3"), 200, "read request 3");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("model", MODEL);
        variables.put("retirable", RETIRABLE);
        variables.put("version", "3");
        variables.put("env", "staging");
        variables.put("approvable", "3");
        variables.put("rejectable", "4");
        variables.put("rollback", "1");
        variables.put("user", USER);
        variables.put("token", tokenId);
        return new Fixture(writer, reviewer, admin, tokenId, variables);
    }

    public String token(String principal) {
        return switch (principal) {
            case "writer" -> writer;
            case "reviewer" -> reviewer;
            default -> admin;
        };
    }

    private record Issued(String id, String secret) {
    }

    private static Issued issue(Api admin, String name, String role) throws IOException {
        HttpConnection.Response r = admin.post("/api/v1/admin/tokens", Map.of("name", name, "roles", List.of(role),
                "owner", "alice", "validDays", 7));
        expect(r, 201, "issue token " + name);
        return new Issued(Api.json(r).path("token").path("id").asText(), Api.json(r).path("secret").asText());
    }

    private static void expect(HttpConnection.Response r, int status, String what) throws IOException {
        if (r.status() / 100 != status / 100) {
            throw new IOException("fuzz fixture: " + what + ": " + Api.describe(r));
        }
    }
}
