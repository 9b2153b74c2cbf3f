package com.acme.registry.audit;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.cli.RegistryCli;
import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signed checkpoints of the audit chain's head, and the attack they answer: a database owner who disables the
 * audit table's trigger, rewrites a record and re-hashes the chain after it. A context of its own (own database,
 * own checkpoint directory, no automatic checkpoints), since the attack rewrites the stored chain.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "spring.datasource.hikari.maximum-pool-size=4",
        "registry.audit.checkpoint.every-records=0", "registry.audit.checkpoint.interval=PT0S"})
class AuditCheckpointTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("checkpoints");
    private static final Path DIRECTORY = TestDatabase.tempDir().resolve("checkpoints-" + UUID.randomUUID());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry, "checkpoint-key.pem");
        registry.add("registry.audit.checkpoint.directory", DIRECTORY::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditCheckpoints checkpoints;
    @Autowired
    AuditSigningKey key;
    @Autowired
    AuditCheckpointFiles files;

    Api as(String user) {
        return Api.basic(port, user, "demo");
    }

    @Test
    void aCheckpointOnDemandIsSignedStoredWrittenToItsFileAndAudited() throws Exception {
        appendRecords(3);

        Api.Response taken = as("carla").post("/api/v1/audit/checkpoints", null);

        assertThat(taken.status()).as("%s", taken).isEqualTo(200);
        Map<String, Object> checkpoint = fields(taken.json());
        long sequence = (Long) checkpoint.get("sequence");
        assertThat(taken.header("Location")).isEqualTo("/api/v1/audit/checkpoints/" + sequence);
        assertThat(AuditCheckpoint.problems(checkpoint)).isEmpty();
        assertThat(checkpoint.get("hash")).isEqualTo(storedHash(sequence));
        assertThat(checkpoint.get("count")).isEqualTo(sequence);
        assertThat(checkpoint.get("trigger")).isEqualTo("demand");
        assertThat(AuditCheckpoint.signatureVerifies(checkpoint, publicKey())).isTrue();
        Path file = files.file(sequence);
        assertThat(Files.readString(file)).isEqualTo(AuditCheckpoint.fileText(checkpoint));
        assertThat(fields(as("adam").get("/api/v1/audit/checkpoints/latest").json())).isEqualTo(checkpoint);
        assertThat(fields(as("carla").get("/api/v1/audit/checkpoints/" + sequence).json())).isEqualTo(checkpoint);
        assertThat(fields(as("carla").get("/api/v1/audit/checkpoints?size=1").json().path("items").get(0)))
                .isEqualTo(checkpoint);

        JsonNode act = lastRecord("AuditCheckpointTaken");
        assertThat(act.path("actor").asString()).isEqualTo("carla");
        assertThat(act.path("sequence").asLong()).as("the act follows the head it checkpointed").isGreaterThan(sequence);
        assertThat(act.path("details").asString()).contains("\"sequence\":" + sequence).contains("\"created\":true");

        Map<String, Object> next = fields(as("adam").post("/api/v1/audit/checkpoints", null).json());
        assertThat((Long) next.get("sequence")).isGreaterThan(sequence);
        assertThat(next.get("previousCheckpoint")).isEqualTo(AuditCheckpoint.digest(checkpoint));

        assertThat(as("carla").get("/api/v1/audit/checkpoints/99999999").status()).isEqualTo(404);
        assertThat(as("carla").get("/api/v1/audit/checkpoints/first").status()).isEqualTo(400);
    }

    @Test
    void automaticCheckpointsComeEveryNRecordsOrAtTheIntervalIfTheChainGrewAndAreNotActs() {
        as("carla").post("/api/v1/audit/checkpoints", null);
        appendRecords(3);
        long acts = actCount();

        assertThat(checkpoints.takeIfDue(1000, Duration.ZERO)).isEmpty();
        var byRecords = checkpoints.takeIfDue(3, Duration.ZERO);
        assertThat(byRecords).isPresent();
        assertThat(byRecords.get().checkpoint().get("trigger")).isEqualTo("records");
        assertThat(files.file((Long) byRecords.get().checkpoint().get("sequence")))
                .exists();
        assertThat(checkpoints.takeIfDue(1, Duration.ofMillis(1))).as("the chain did not grow").isEmpty();

        appendRecords(1);
        var byInterval = checkpoints.takeIfDue(0, Duration.ofMillis(1));
        assertThat(byInterval).isPresent();
        assertThat(byInterval.get().checkpoint().get("trigger")).isEqualTo("interval");
        assertThat(actCount()).as("automatic checkpoints are not audit records").isEqualTo(acts);
    }

    @Test
    void aRewriteBeforeACheckpointIsFoundInTheStoredChainAndInEveryLaterExport(
            @org.junit.jupiter.api.io.TempDir Path outside) throws Exception {
        appendRecords(4);
        Map<String, Object> checkpoint = fields(as("carla").post("/api/v1/audit/checkpoints", null).json());
        long sequence = (Long) checkpoint.get("sequence");
        // the operator's copy, shipped off the machine
        Path saved = Files.copy(files.file(sequence),
                outside.resolve(files.file(sequence).getFileName()));
        Path pem = Files.writeString(outside.resolve("registry.pem"), as("carla").get("/api/v1/audit/public-key").body());
        appendRecords(2);

        Path before = export(outside.resolve("before.jsonl"));
        assertThat(cli(pem, before, saved).exit()).isZero();
        assertThat(as("carla").post("/api/v1/audit/verification/checkpoint", checkpoint).json().path("valid")
                .asBoolean()).isTrue();
        JsonNode intact = as("carla").get("/api/v1/audit/verification").json();
        assertThat(intact.path("valid").asBoolean()).as("%s", intact).isTrue();
        assertThat(intact.path("checkpointsChecked").asLong()).isPositive();

        long target = sequence - 2;
        String original = jdbc.queryForObject("SELECT details FROM audit_record WHERE sequence = ?", String.class,
                target);
        List<String> storedCheckpoints = jdbc.queryForList("SELECT document FROM audit_checkpoint ORDER BY sequence",
                String.class);
        try {
            rewrite(target, "{\"note\":\"nothing happened here\"}");
            JsonNode rechained = as("carla").get("/api/v1/audit/verification").json();
            assertThat(rechained.path("valid").asBoolean()).as("%s", rechained).isFalse();
            assertThat(rechained.path("firstBrokenSequence").asLong()).isGreaterThan(target).isLessThanOrEqualTo(
                    sequence);
            assertThat(rechained.path("problem").asString()).contains("rewritten after that checkpoint");
            Api.Response refused = as("adam").post("/api/v1/audit/checkpoints", null);
            assertThat(refused.status()).as("a rewritten chain is never anchored: %s", refused).isEqualTo(409);
            assertThat(refused.json().path("rule").asString()).isEqualTo("audit-chain-broken");

            // the superuser also removes the registry's own checkpoints: its copy counts for nothing any more
            asOwner("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_immutable",
                    "DELETE FROM audit_checkpoint",
                    "ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_immutable");
            assertThat(as("carla").get("/api/v1/audit/verification").json().path("valid").asBoolean())
                    .as("the re-hashed chain verifies on its own").isTrue();

            JsonNode againstOutside = as("carla").post("/api/v1/audit/verification/checkpoint", checkpoint).json();
            assertThat(againstOutside.path("valid").asBoolean()).as("%s", againstOutside).isFalse();
            assertThat(againstOutside.path("firstBrokenSequence").asLong()).isEqualTo(sequence);
            assertThat(againstOutside.path("problem").asString()).contains("the supplied checkpoint of sequence "
                    + sequence).contains("rewritten after that checkpoint was taken");

            Path after = export(outside.resolve("after.jsonl"));
            assertThat(cli(pem, after).exit()).as("the rewritten export verifies on its own").isZero();
            Run run = cli(pem, after, saved);
            assertThat(run.exit()).as("%s", run).isEqualTo(1);
            assertThat(run.err()).startsWith("FAILED: rewritten after checkpoint: the record of sequence " + sequence);
        } finally {
            rewrite(target, original);
            List<String> now = jdbc.queryForList("SELECT document FROM audit_checkpoint ORDER BY sequence",
                    String.class);
            for (String document : storedCheckpoints) {
                if (!now.contains(document)) {
                    Map<String, Object> stored = fields(Api.JSON.readTree(document));
                    jdbc.update("INSERT INTO audit_checkpoint (sequence, taken_at, document) VALUES (?, ?::timestamptz, ?)",
                            stored.get("sequence"), stored.get("takenAt"), document);
                }
            }
        }
        assertThat(as("carla").get("/api/v1/audit/verification").json().path("valid").asBoolean()).isTrue();
        assertThat(cli(pem, export(outside.resolve("restored.jsonl")), saved).exit()).isZero();
    }

    @Test
    void recordsRemovedBackPastACheckpointAreFoundAndNeverCheckpointed() {
        appendRecords(2);
        Map<String, Object> checkpoint = fields(as("carla").post("/api/v1/audit/checkpoints", null).json());
        long sequence = (Long) checkpoint.get("sequence");
        List<AuditRecord> removed = jdbc.query("SELECT * FROM audit_record WHERE sequence >= ? ORDER BY sequence",
                AuditLog.RECORD, sequence - 1);
        try {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.execute("SELECT pg_advisory_xact_lock(" + 0x4155444954L + ")");
                jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
                jdbc.update("DELETE FROM audit_record WHERE sequence >= ?", sequence - 1);
                jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
            });

            JsonNode stored = as("carla").get("/api/v1/audit/verification").json();
            assertThat(stored.path("valid").asBoolean()).as("%s", stored).isFalse();
            assertThat(stored.path("problem").asString()).contains("covers sequence " + sequence)
                    .contains("records were removed");
            JsonNode outside = as("carla").post("/api/v1/audit/verification/checkpoint", checkpoint).json();
            assertThat(outside.path("valid").asBoolean()).isFalse();
            assertThat(outside.path("firstBrokenSequence").asLong()).isEqualTo(sequence - 1);
            Api.Response refused = as("adam").post("/api/v1/audit/checkpoints", null);
            assertThat(refused.status()).as("%s", refused).isEqualTo(409);
            assertThat(refused.json().path("rule").asString()).isEqualTo("audit-chain-broken");
        } finally {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                jdbc.execute("SELECT pg_advisory_xact_lock(" + 0x4155444954L + ")");
                for (AuditRecord r : removed) {
                    jdbc.update("""
                            INSERT INTO audit_record (sequence, position, recorded_at, actor, action, model, version,
                                environment, reason, correlation_id, details, previous_hash, hash)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                            r.sequence(), r.position(), java.sql.Timestamp.from(r.recordedAt()), r.actor(), r.action(),
                            r.model(), r.version(), r.environment(), r.reason(), r.correlationId(), r.details(),
                            r.previousHash(), r.hash());
                }
            });
        }
        assertThat(as("carla").get("/api/v1/audit/verification").json().path("valid").asBoolean()).isTrue();
    }

    @Test
    void aSuppliedCheckpointMustBeWellFormedAndSignedByTheRegistry() throws Exception {
        appendRecords(1);
        Map<String, Object> checkpoint = fields(as("carla").post("/api/v1/audit/checkpoints", null).json());

        Map<String, Object> changed = new LinkedHashMap<>(checkpoint);
        changed.put("count", (Long) checkpoint.get("count") + 1);
        Api.Response tampered = as("carla").post("/api/v1/audit/verification/checkpoint", changed);
        assertThat(tampered.status()).as("%s", tampered).isEqualTo(400);
        assertThat(tampered.body()).contains("signature").contains("does not verify");

        Map<String, Object> otherKey = AuditCheckpoint.sign((Long) checkpoint.get("sequence"),
                (String) checkpoint.get("hash"), (Long) checkpoint.get("count"), (String) checkpoint.get("takenAt"),
                "demand", null, ExportKeys.other().getPrivate(), DigestSignature.keyId(ExportKeys.other().getPublic()));
        Api.Response foreign = as("carla").post("/api/v1/audit/verification/checkpoint", otherKey);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body()).contains("publicKeyId");

        Map<String, Object> incomplete = new LinkedHashMap<>(checkpoint);
        incomplete.remove("hash");
        incomplete.put("sequence", "ten");
        Api.Response malformed = as("adam").post("/api/v1/audit/verification/checkpoint", incomplete);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("hash").contains("is required").contains("sequence")
                .contains("must be an integer of at least 1");
    }

    @Test
    void aFileLeftByATakeWhoseCommitFailedIsUsedAgainButAnotherFileForTheHeadIsRefused() throws Exception {
        as("carla").post("/api/v1/audit/checkpoints", null);
        appendRecords(1);
        Map<String, Object> last = fields(as("carla").get("/api/v1/audit/checkpoints/latest").json());
        long head = head();
        Map<String, Object> orphan = AuditCheckpoint.sign(head, storedHash(head), head, "2026-01-01T00:00:00.000Z",
                "records", AuditCheckpoint.digest(last), key.privateKey(), key.keyId());
        Files.createDirectories(DIRECTORY);
        Files.writeString(files.file(head), AuditCheckpoint.fileText(orphan));

        Api.Response taken = as("carla").post("/api/v1/audit/checkpoints", null);
        assertThat(taken.status()).as("%s", taken).isEqualTo(200);
        assertThat(fields(taken.json())).isEqualTo(orphan);

        appendRecords(1);
        long next = head();
        Files.writeString(files.file(next), "{\"type\":\"checkpoint\"}\n");
        Api.Response refused = as("adam").post("/api/v1/audit/checkpoints", null);
        assertThat(refused.status()).as("%s", refused).isEqualTo(409);
        assertThat(refused.json().path("rule").asString()).isEqualTo("checkpoint-file-differs");
        assertThat(checkpoints.at(next)).isEmpty();
        Files.delete(files.file(next));
    }

    @Test
    void onlyComplianceAndAdminReachCheckpointsAndTakingOneChangesNothingForOthers() throws Exception {
        appendRecords(1);
        Map<String, Object> checkpoint = fields(as("carla").post("/api/v1/audit/checkpoints", null).json());
        long sequence = (Long) checkpoint.get("sequence");
        Api.Response token = as("adam").post("/api/v1/admin/tokens",
                Map.of("name", "checkpoint-reader-" + UUID.randomUUID().toString().substring(0, 8),
                        "roles", List.of("READER"), "validDays", 1));
        assertThat(token.status()).as("%s", token).isEqualTo(201);
        List<Api> refused = List.of(as("alice"), as("rita"), Api.bearer(port, token.json().path("secret").asString()));
        long checkpointsBefore = jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class);
        for (Api api : refused) {
            assertThat(api.get("/api/v1/audit/checkpoints").status()).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/checkpoints/latest").status()).isEqualTo(403);
            assertThat(api.get("/api/v1/audit/checkpoints/" + sequence).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/audit/checkpoints", null).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/audit/verification/checkpoint", checkpoint).status()).isEqualTo(403);
        }
        Api anonymous = Api.anonymous(port);
        assertThat(anonymous.get("/api/v1/audit/checkpoints/latest").status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/audit/checkpoints", null).status()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/audit/verification/checkpoint", checkpoint).status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class))
                .isEqualTo(checkpointsBefore);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    record Run(int exit, String out, String err) {
    }

    static Run cli(Path pem, Path export, Path... checkpointFiles) {
        List<String> args = new ArrayList<>(List.of("verify", "--public-key", pem.toString()));
        for (Path file : checkpointFiles) {
            args.add("--checkpoint");
            args.add(file.toString());
        }
        args.add(export.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RegistryCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    Path export(Path file) throws Exception {
        Api.Response export = as("carla").get("/api/v1/audit/export?format=jsonl");
        assertThat(export.status()).isEqualTo(200);
        return Files.writeString(file, export.body(), StandardCharsets.UTF_8);
    }

    /** Appends at least n records (model registrations by alice) and waits until the audit log is quiet. */
    void appendRecords(int n) {
        long before = head();
        for (int i = 0; i < n; i++) {
            as("alice").post("/api/v1/models", Samples.model("checkpointed-" + UUID.randomUUID().toString()
                    .substring(0, 8)));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        long seen = -1;
        while (System.currentTimeMillis() < deadline) {
            long now = head();
            if (now >= before + n && now == seen) {
                return;
            }
            seen = now;
            sleep(300);
        }
        throw new AssertionError("the audit log did not record " + n + " registrations");
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(sequence), 0) FROM audit_record", Long.class);
    }

    private long actCount() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'AuditCheckpointTaken'",
                Long.class);
    }

    private String storedHash(long sequence) {
        return jdbc.queryForObject("SELECT hash FROM audit_record WHERE sequence = ?", String.class, sequence);
    }

    private JsonNode lastRecord(String action) {
        long sequence = jdbc.queryForObject("SELECT max(sequence) FROM audit_record WHERE action = ?", Long.class,
                action);
        JsonNode page = as("carla").get("/api/v1/audit?action=" + action + "&size=100").json();
        for (JsonNode item : page.path("items")) {
            if (item.path("sequence").asLong() == sequence) {
                return item;
            }
        }
        throw new AssertionError("no " + action + " record");
    }

    private java.security.PublicKey publicKey() throws Exception {
        return DigestSignature.publicKeyFromPem(Api.anonymous(port).get("/api/v1/audit/public-key").body());
    }

    /**
     * What a database owner can do: with the trigger disabled, set the record's details and re-hash the chain from
     * it to the head (holding the append lock, so nothing is appended meanwhile).
     */
    private void rewrite(long sequence, String details) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + 0x4155444954L + ")");
            jdbc.execute("ALTER TABLE audit_record DISABLE TRIGGER audit_record_immutable");
            jdbc.update("UPDATE audit_record SET details = ? WHERE sequence = ?", details, sequence);
            String previous = jdbc.queryForObject("SELECT previous_hash FROM audit_record WHERE sequence = ?",
                    String.class, sequence);
            for (AuditRecord record : jdbc.query("SELECT * FROM audit_record WHERE sequence >= ? ORDER BY sequence",
                    AuditLog.RECORD, sequence)) {
                Map<String, Object> fields = record.fields();
                fields.put(HashChain.PREVIOUS_HASH, previous);
                String hash = HashChain.hashOf(fields);
                jdbc.update("UPDATE audit_record SET previous_hash = ?, hash = ? WHERE sequence = ?", previous, hash,
                        record.sequence());
                previous = hash;
            }
            jdbc.execute("ALTER TABLE audit_record ENABLE TRIGGER audit_record_immutable");
        });
    }

    private void asOwner(String... statements) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (String statement : statements) {
                jdbc.execute(statement);
            }
        });
    }

    static Map<String, Object> fields(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            map.put(e.getKey(), v.isNull() ? null : v.isIntegralNumber() ? (Object) v.asLong()
                    : v.isBoolean() ? (Object) v.asBoolean() : v.asString());
        });
        return map;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A key pair that is not the registry's. */
    static final class ExportKeys {
        private static final java.security.KeyPair OTHER = generate();

        static java.security.KeyPair other() {
            return OTHER;
        }

        private static java.security.KeyPair generate() {
            try {
                return java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
