package com.acme.registry.cli;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.auditformat.verify.ExportWriter;
import com.acme.registry.auditformat.verify.ExportWriter.Format;
import com.acme.registry.cli.VerifyCommandTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.acme.registry.cli.VerifyCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code verify --checkpoint}: an export of the whole log against saved checkpoints. The "registry" here is built
 * from audit-format alone: records 1..n, their stored chain (no {@code type}, each linked to the stored hash before
 * it), checkpoints signed over stored hashes, and exports with chains of their own.
 */
class CheckpointVerifyTest {

    private static final KeyPair KEY = ExportWriter.keyPair();
    private static final String TAKEN_AT = "2026-11-28T08:00:00.000Z";
    private static final String BEFORE = "2026-11-28T07:00:00.000Z";
    private static final String AFTER = "2026-11-28T09:00:00.000Z";

    @TempDir
    Path dir;
    Path pem;

    @BeforeEach
    void writePublicKey() throws IOException {
        pem = Files.writeString(dir.resolve("registry-audit.pem"), DigestSignature.publicKeyPem(KEY.getPublic()));
    }

    /** The stored log: records 1..n with {@code type}, as an export carries them. */
    static List<Map<String, Object>> log(int n) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> record = ExportWriter.record(i);
            record.put("sequence", (long) i + 1);
            records.add(record);
        }
        return records;
    }

    /** The registry's stored hash of the record at {@code sequence}. */
    static String storedHash(List<Map<String, Object>> log, long sequence) {
        HashChain stored = new HashChain();
        for (int i = 0; i < sequence; i++) {
            Map<String, Object> record = new LinkedHashMap<>(log.get(i));
            record.remove("type");
            stored.link(record);
        }
        return stored.last();
    }

    Path checkpoint(List<Map<String, Object>> log, long sequence) throws IOException {
        return checkpoint(log, sequence, KEY);
    }

    Path checkpoint(List<Map<String, Object>> log, long sequence, KeyPair key) throws IOException {
        String keyId = DigestSignature.keyId(key.getPublic());
        Map<String, Object> checkpoint = AuditCheckpoint.sign(sequence, storedHash(log, sequence), sequence, TAKEN_AT,
                "records", null, key.getPrivate(), keyId);
        return Files.writeString(dir.resolve(AuditCheckpoint.fileName(sequence, keyId)),
                AuditCheckpoint.fileText(checkpoint));
    }

    /** A signed export of {@code records}, unfiltered unless {@code model} is given. */
    Path export(Format format, List<Map<String, Object>> records, String exportedAt, String model) throws IOException {
        StringBuilder text = new StringBuilder(ExportWriter.header(format));
        HashChain chain = new HashChain();
        for (Map<String, Object> record : records) {
            text.append(ExportWriter.line(format, chain.link(record)));
        }
        Map<String, Object> filter = new LinkedHashMap<>();
        for (String name : List.of("action", "actor", "from", "model", "to")) {
            filter.put(name, null);
        }
        filter.put("model", model);
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("count", (long) records.size());
        digest.put("firstSequence", records.isEmpty() ? null : records.get(0).get("sequence"));
        digest.put("lastSequence", records.isEmpty() ? null : records.get(records.size() - 1).get("sequence"));
        digest.put("finalHash", chain.last());
        digest.put("filter", CanonicalJson.text(filter));
        digest.put("exportedAt", exportedAt);
        digest.put("algorithm", DigestSignature.ALGORITHM);
        digest.put("publicKeyId", DigestSignature.keyId(KEY.getPublic()));
        text.append(ExportWriter.line(format, DigestSignature.sign(digest, KEY.getPrivate())));
        return Files.writeString(dir.resolve("export" + format.extension), text, StandardCharsets.UTF_8);
    }

    Run verify(Path export, Path... checkpoints) {
        List<String> args = new ArrayList<>(List.of("verify", "--public-key", pem.toString()));
        for (Path checkpoint : checkpoints) {
            args.add("--checkpoint");
            args.add(checkpoint.toString());
        }
        args.add(export.toString());
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anExportOfTheCheckpointedHistoryMatchesEveryCheckpoint(Format format) throws IOException {
        List<Map<String, Object>> log = log(30);
        Path ten = checkpoint(log, 10);
        Path twenty = checkpoint(log, 20);

        Run run = verify(export(format, log, AFTER, null), ten, twenty);

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).startsWith("OK: 30 records").contains(
                "OK: checkpoint of sequence 10 taken at " + TAKEN_AT + " (" + ten + "): the record of sequence 10",
                "OK: checkpoint of sequence 20 taken at " + TAKEN_AT);
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aHistoryRewrittenAndReHashedBeforeACheckpointIsFoundThoughItsOwnChainAndSignatureHold(Format format)
            throws IOException {
        List<Map<String, Object>> log = log(30);
        Path three = checkpoint(log, 3);
        Path ten = checkpoint(log, 10);
        log.get(4).put("reason", "approved as usual"); // sequence 5, then every hash after it is recomputed

        Path rewritten = export(format, log, AFTER, null);
        assertThat(verify(rewritten).exit()).as("a re-hashed, re-signed export verifies on its own").isZero();
        Run run = verify(rewritten, ten, three);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).startsWith("OK: 30 records");
        assertThat(run.err()).startsWith("FAILED: rewritten after checkpoint: the record of sequence 10 (line ")
                .contains("the checkpoint of sequence 10 taken at " + TAKEN_AT + " (" + ten + ") says "
                        + storedHash(log(30), 10))
                .contains("the checkpoint of sequence 3 taken at " + TAKEN_AT + " (" + three + ") still holds: "
                        + "the change is after sequence 3");
    }

    @Test
    void aCheckpointWhoseFieldsWereChangedAfterSigningIsRefused() throws IOException {
        List<Map<String, Object>> log = log(12);
        Path file = checkpoint(log, 10);
        log.get(4).put("reason", "approved as usual");
        // the forger points the saved checkpoint at the rewritten history
        String text = Files.readString(file).replace(storedHash(log(12), 10), storedHash(log, 10));
        Files.writeString(file, text);

        Run run = verify(export(Format.JSONL, log, AFTER, null), file);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("FAILED: checkpoint file " + file + ": the signature does not verify with "
                + "the given public key");
    }

    @Test
    void anExportMadeBeforeTheCheckpointIsNotCoveredButOneMadeAfterItMustReachIt() throws IOException {
        List<Map<String, Object>> log = log(12);
        Path ten = checkpoint(log, 10);

        Run older = verify(export(Format.JSONL, log.subList(0, 8), BEFORE, null), ten);
        assertThat(older.exit()).as("%s", older).isZero();
        assertThat(older.out()).contains("NOT COVERED: checkpoint of sequence 10 taken at " + TAKEN_AT);

        Run truncated = verify(export(Format.JSONL, log.subList(0, 8), AFTER, null), ten);
        assertThat(truncated.exit()).as("%s", truncated).isEqualTo(1);
        assertThat(truncated.err()).startsWith("FAILED: the export of the whole log, made at " + AFTER
                + ", ends at sequence 8, but the checkpoint of sequence 10").contains("records were removed");
    }

    @Test
    void aRecordRemovedAndTheRestRenumberedIsFound() throws IOException {
        List<Map<String, Object>> log = log(12);
        Path ten = checkpoint(log, 10);
        List<Map<String, Object>> removed = new ArrayList<>(log);
        removed.remove(2);
        for (int i = 0; i < removed.size(); i++) {
            removed.get(i).put("sequence", (long) i + 1);
        }

        Run run = verify(export(Format.JSONL, removed, AFTER, null), ten);

        assertThat(run.exit()).as("%s", run).isEqualTo(1);
        assertThat(run.err()).startsWith("FAILED: rewritten after checkpoint: the record of sequence 10");
    }

    @Test
    void aDirectoryOfCheckpointsIsReadWholeSkippingThoseOfAnotherKey() throws IOException {
        List<Map<String, Object>> log = log(12);
        checkpoint(log, 4);
        checkpoint(log, 8);
        Path earlierKey = checkpoint(log, 2, ExportWriter.keyPair());
        Path export = export(Format.JSONL, log, AFTER, null);

        Run run = verify(export, dir);

        assertThat(run.exit()).as("%s", run).isZero();
        assertThat(run.out()).contains("OK: checkpoint of sequence 4", "OK: checkpoint of sequence 8",
                "SKIPPED: checkpoint of sequence 2 taken at " + TAKEN_AT + " (" + earlierKey + "): signed by key");
        assertThat(verify(export, earlierKey).exit()).as("named on its own, it must verify").isEqualTo(1);
    }

    @Test
    void aFilteredExportOrAFileThatIsNoCheckpointIsAUsageError() throws IOException {
        List<Map<String, Object>> log = log(12);
        Path ten = checkpoint(log, 10);

        Run filtered = verify(export(Format.JSONL, log, AFTER, "credit-risk-scorer"), ten);
        assertThat(filtered.exit()).as("%s", filtered).isEqualTo(2);
        assertThat(filtered.err()).contains("checkpoints can be checked only against an export of the whole audit log");

        Path notACheckpoint = Files.writeString(dir.resolve("other.json"), "{\"type\":\"checkpoint\",\"sequence\":0}");
        Run malformed = verify(export(Format.JSONL, log, AFTER, null), notACheckpoint);
        assertThat(malformed.exit()).as("%s", malformed).isEqualTo(2);
        assertThat(malformed.err()).contains("is not a checkpoint: sequence must be an integer of at least 1")
                .contains("hash is required");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThat(verify(export(Format.JSONL, log, AFTER, null), empty).exit()).isEqualTo(2);
    }
}
