package com.acme.registry.audit;

import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditLogTest extends IntegrationTest {

    @Test
    void everyDomainEventBecomesARecordWithActorReasonAndCorrelationId() {
        String model = uniqueName("audited");
        String requestId = "audit-" + UUID.randomUUID();
        as("alice").header("X-Request-Id", requestId).post("/api/v1/models", Samples.model(model));
        as("bob").post("/api/v1/models/" + model + "/versions", Samples.version());
        as("alice").post("/api/v1/models/" + model + "/versions/1/archival", Map.of("reason", "leaky feature"));

        JsonNode page = as("carla").get("/api/v1/audit?model=" + model).json();
        List<String> actions = new ArrayList<>();
        page.path("items").forEach(r -> actions.add(r.path("action").asString()));
        assertThat(actions).containsExactly("ModelRegistered", "ModelVersionRegistered", "ModelVersionArchived");
        JsonNode registered = page.path("items").get(0);
        assertThat(registered.path("actor").asString()).isEqualTo("alice");
        assertThat(registered.path("correlationId").asString()).isEqualTo(requestId);
        assertThat(registered.path("position").isNumber()).isTrue();
        JsonNode version = page.path("items").get(1);
        assertThat(version.path("actor").asString()).isEqualTo("bob");
        assertThat(version.path("version").asInt()).isEqualTo(1);
        JsonNode archived = page.path("items").get(2);
        assertThat(archived.path("reason").asString()).isEqualTo("leaky feature");
        assertThat(archived.path("details").asString()).contains("\"reason\":\"leaky feature\"");

        assertThat(as("carla").get("/api/v1/audit?model=" + model + "&actor=bob").json().path("totalItems").asInt())
                .isEqualTo(1);
        assertThat(as("adam").get("/api/v1/audit?model=" + model + "&action=ModelRegistered").json()
                .path("totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void failedSignInsAndRefusedRequestsAreRecordedToo() {
        String path = "/api/v1/models/" + uniqueName("refused");
        Api.basic(port, "mallory", "guess").get(path);
        as("rita").post("/api/v1/models", Samples.model(uniqueName("nope")));

        JsonNode failed = last("AuthenticationFailed");
        assertThat(failed.path("actor").isNull()).isTrue();
        assertThat(failed.path("details").asString()).contains("\"attemptedUser\":\"mallory\"").contains(path)
                .doesNotContain("guess");
        JsonNode denied = last("AccessDenied");
        assertThat(denied.path("actor").asString()).isEqualTo("rita");
        assertThat(denied.path("details").asString()).contains("\"status\":403").contains("POST");
    }

    @Test
    void aRequestWithoutCredentialsLeavesNoRecordButAWrongPasswordDoes() {
        String path = "/api/v1/models/" + uniqueName("anonymous");
        assertThat(anonymous().get(path).status()).isEqualTo(401);
        assertThat(anonymous().header("Cookie", "JSESSIONID=0123").get(path).status()).isEqualTo(401);
        assertThat(recordsOf(path)).isZero();

        assertThat(Api.basic(port, "mallory", "guess").get(path).status()).isEqualTo(401);
        assertThat(recordsOf(path)).isEqualTo(1);
    }

    @Test
    void aLongPathIsCutInItsRecord() {
        String start = "/api/v1/models/" + uniqueName("long");
        String path = start + "-" + "x".repeat(7_000);
        assertThat(Api.basic(port, "mallory", "guess").get(path).status()).isEqualTo(401);

        String details = jdbc.queryForObject("SELECT details FROM audit_record WHERE action = 'AuthenticationFailed' "
                + "AND strpos(details, ?) > 0", String.class, "\"path\":\"" + start);
        assertThat(details.length()).isLessThan(SecurityAudit.MAX_PATH + 200);
        assertThat(details).contains(start).contains("…");
    }

    @Autowired
    AuditSigningKey signingKey;

    @Test
    void theSigningKeyCreatedAtTheFirstStartIsOnRecord() {
        List<Map<String, Object>> records = jdbc.queryForList("SELECT actor, details FROM audit_record "
                + "WHERE action = 'AuditSigningKeyCreated' AND strpos(details, ?) > 0",
                "\"keyId\":\"" + signingKey.keyId() + "\"");
        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("actor")).isEqualTo("registry");
        assertThat((String) records.get(0).get("details")).contains(signingKey.file().toString())
                .doesNotContain("PRIVATE")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(signingKey.privateKey().getEncoded()));
    }

    /**
     * Records whose details name this path. Matched as text: other tests store details that jsonb cannot read (an
     * escaped NUL in a metric's name), and a cast in WHERE may be evaluated on any row.
     */
    private long recordsOf(String path) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE strpos(details, ?) > 0", Long.class,
                "\"path\":\"" + path + "\"");
    }

    @Test
    void onlyComplianceAndAdminReadTheAuditLogButTheKeyIsPublic() {
        assertThat(as("alice").get("/api/v1/audit").status()).isEqualTo(403);
        assertThat(as("rita").get("/api/v1/audit/verification").status()).isEqualTo(403);
        assertThat(as("bob").get("/api/v1/audit/export").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/audit").status()).isEqualTo(401);
        Api.Response key = anonymous().get("/api/v1/audit/public-key");
        assertThat(key.status()).isEqualTo(200);
        assertThat(key.body()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void theStoredChainVerifiesAndAnEditAfterTheFactIsFoundAtItsRecord() {
        as("alice").post("/api/v1/models", Samples.model(uniqueName("chain")));
        JsonNode valid = as("carla").get("/api/v1/audit/verification").json();
        assertThat(valid.path("valid").asBoolean()).as(valid.toString()).isTrue();
        assertThat(valid.path("records").asLong()).isPositive();

        long target = jdbc.queryForObject("SELECT min(sequence) + 1 FROM audit_record", Long.class);
        String original = jdbc.queryForObject("SELECT actor FROM audit_record WHERE sequence = ?", String.class, target);
        try {
            tamper("UPDATE audit_record SET actor = 'mallory' WHERE sequence = " + target);
            JsonNode broken = as("carla").get("/api/v1/audit/verification").json();
            assertThat(broken.path("valid").asBoolean()).isFalse();
            assertThat(broken.path("firstBrokenSequence").asLong()).isEqualTo(target);
            assertThat(broken.path("problem").asString()).contains("changed");
        } finally {
            tamper("UPDATE audit_record SET actor = " + (original == null ? "NULL" : "'" + original + "'")
                    + " WHERE sequence = " + target);
        }
        assertThat(as("carla").get("/api/v1/audit/verification").json().path("valid").asBoolean()).isTrue();
    }

    @Test
    void anExportIsAChainOfItsOwnEndingWithASignedDigest() throws Exception {
        String model = uniqueName("exported");
        as("alice").post("/api/v1/models", Samples.model(model));
        as("alice").post("/api/v1/models/" + model + "/versions", Samples.version());

        Api.Response export = as("carla").get("/api/v1/audit/export?format=jsonl&model=" + model);
        assertThat(export.status()).isEqualTo(200);
        String[] lines = export.body().split("\n");
        assertThat(lines).hasSize(3);
        String previous = HashChain.GENESIS;
        for (int i = 0; i < 2; i++) {
            Map<String, Object> record = asMap(Api.JSON.readTree(lines[i]));
            assertThat(record.get("type")).isEqualTo("record");
            assertThat(record.get("previousHash")).isEqualTo(previous);
            assertThat(HashChain.hashOf(record)).isEqualTo(record.get("hash"));
            assertThat(lines[i]).isEqualTo(CanonicalJson.text(record));
            previous = (String) record.get("hash");
        }
        Map<String, Object> digest = asMap(Api.JSON.readTree(lines[2]));
        assertThat(digest.get("type")).isEqualTo("digest");
        assertThat(digest.get("count")).isEqualTo(2L);
        assertThat(digest.get("finalHash")).isEqualTo(previous);
        assertThat((String) digest.get("filter")).contains("\"model\":\"" + model + "\"");
        var publicKey = DigestSignature.publicKeyFromPem(anonymous().get("/api/v1/audit/public-key").body());
        assertThat(DigestSignature.verify(digest, publicKey)).isTrue();
        assertThat(digest.get("publicKeyId")).isEqualTo(DigestSignature.keyId(publicKey));
        digest.put("count", 3L);
        assertThat(DigestSignature.verify(digest, publicKey)).isFalse();

        Api.Response csv = as("adam").get("/api/v1/audit/export?format=csv&model=" + model);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().split("\r\n")).hasSize(4);
        assertThat(as("adam").get("/api/v1/audit/export?format=xml").status()).isEqualTo(400);
        assertThat(as("adam").get("/api/v1/audit/export?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z")
                .status()).isEqualTo(400);
    }

    private JsonNode last(String action) {
        JsonNode page = as("carla").get("/api/v1/audit?action=" + action + "&size=100").json();
        int total = page.path("totalItems").asInt();
        JsonNode lastPage = as("carla").get("/api/v1/audit?action=" + action + "&size=1&page=" + (total - 1)).json();
        return lastPage.path("items").get(0);
    }

    private void tamper(String sql) {
        jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
        try {
            jdbc.execute(sql);
        } finally {
            jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
        }
    }

    private static Map<String, Object> asMap(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            map.put(e.getKey(), v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isBoolean() ? (Object) v.asBoolean() : v.asString());
        });
        return map;
    }
}
