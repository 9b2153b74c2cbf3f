package com.acme.registry.ui.audit;

import com.acme.registry.ui.layout.UiInstants;

import com.acme.registry.audit.AuditSigningKey;
import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the verification page reports for each way an export can be wrong, on exports written here by the format's
 * rules (docs/audit-trail.md) and signed with a key of this registry or another one. No Spring, no database.
 */
class UploadedExportVerifierTest {

    @TempDir
    Path dir;

    @Test
    void anIntactExportIsValidWithWhatItsSignedDigestSays() throws IOException {
        AuditSigningKey key = key("registry");
        VerificationOutcome outcome = verify(key, lines(key.privateKey(), key.keyId(), 5));
        assertThat(outcome.ok()).isTrue();
        VerificationOutcome.Valid valid = outcome.valid();
        assertThat(valid.records()).isEqualTo(5);
        assertThat(valid.firstSequence()).isEqualTo(10);
        assertThat(valid.lastSequence()).isEqualTo(14);
        assertThat(valid.keyId()).isEqualTo(key.keyId());
        assertThat(valid.lastHash()).hasSize(64);
        assertThat(valid.exportedAt()).isEqualTo("2026-11-28T08:00:00.000Z");
        assertThat(valid.filter()).contains("\"model\":\"credit-risk\"");
    }

    @Test
    void aChangedRecordIsNamedByLineAndSequenceWithTheRecordsBeforeIt() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.set(2, lines.get(2).replace("\"actor\":\"alice\"", "\"actor\":\"mallory\""));
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Altered record");
        assertThat(invalid.line()).isEqualTo(3);
        assertThat(invalid.entry().sequence()).isEqualTo(12L);
        assertThat(invalid.entry().actor()).isEqualTo("mallory");
        assertThat(invalid.message()).isEqualTo("line 3 (sequence 12): hash does not match its content");
        assertThat(invalid.recordsBefore()).isEqualTo(2);
        assertThat(invalid.lastGood().line()).isEqualTo(2);
        assertThat(invalid.lastGood().sequence()).isEqualTo(11L);
    }

    @Test
    void aRemovedRecordBreaksTheLinkOfTheNextOne() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.remove(2);
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Broken hash link");
        assertThat(invalid.line()).isEqualTo(3);
        assertThat(invalid.entry().sequence()).isEqualTo(13L);
        assertThat(invalid.recordsBefore()).isEqualTo(2);
    }

    @Test
    void aLineThatIsNotJsonIsMalformedAndHasNoRecordToShow() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.set(1, lines.get(1).substring(1));
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Malformed line");
        assertThat(invalid.line()).isEqualTo(2);
        assertThat(invalid.entry()).isNull();
        assertThat(invalid.recordsBefore()).isEqualTo(1);
        assertThat(invalid.lastGood().sequence()).isEqualTo(10L);
    }

    @Test
    void aMissingDigestIsATruncatedExport() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.remove(lines.size() - 1);
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Truncated export");
        assertThat(invalid.line()).isZero();
        assertThat(invalid.recordsBefore()).isEqualTo(5);
    }

    @Test
    void anExportSignedByAnotherRegistryHasABadSignature() throws IOException {
        AuditSigningKey other = key("other");
        VerificationOutcome.Invalid invalid = invalid(verify(key("registry"),
                lines(other.privateKey(), other.keyId(), 3)));
        assertThat(invalid.kind()).isEqualTo("Bad signature");
        assertThat(invalid.line()).isEqualTo(4);
        assertThat(invalid.entry().digest()).isTrue();
        assertThat(invalid.recordsBefore()).isEqualTo(3);
    }

    @Test
    void aLastRecordRemovedLeavesADigestThatDoesNotMatchTheRecords() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.remove(4);
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Digest does not match the records");
        assertThat(invalid.line()).isEqualTo(5);
        assertThat(invalid.message()).contains("count says 5, the file has 4 records");
    }

    @Test
    void anythingAfterTheDigestIsRefused() throws IOException {
        AuditSigningKey key = key("registry");
        List<String> lines = lines(key.privateKey(), key.keyId(), 5);
        lines.add(lines.get(0));
        VerificationOutcome.Invalid invalid = invalid(verify(key, lines));
        assertThat(invalid.kind()).isEqualTo("Content after the digest");
        assertThat(invalid.line()).isEqualTo(7);
    }

    @Test
    void theFormatIsDetectedFromTheContentThenTheName() throws IOException {
        assertThat(detect("{\"type\":\"record\"}\n", "x.txt")).isEqualTo(ExportFormat.JSONL);
        assertThat(detect("type,sequence,position\r\n", "x.jsonl")).isEqualTo(ExportFormat.CSV);
        assertThat(detect("garbled", "audit.csv")).isEqualTo(ExportFormat.CSV);
        assertThat(detect("garbled", "audit.JSONL")).isEqualTo(ExportFormat.JSONL);
        assertThat(detect("garbled", "notes.txt")).isNull();
        assertThat(ExportFormat.chosen("auto")).isNull();
        assertThat(ExportFormat.chosen("CSV")).isEqualTo(ExportFormat.CSV);
        assertThatThrownBy(() -> ExportFormat.chosen("xml")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("format");
    }

    @Test
    void instantsAreDatetimeLocalValuesInUtcOrIsoInstants() {
        assertThat(UiInstants.parse("from", "2026-03-03T14:05")).isEqualTo(Instant.parse("2026-03-03T14:05:00Z"));
        assertThat(UiInstants.parse("from", "2026-03-03T14:05:30")).isEqualTo(Instant.parse("2026-03-03T14:05:30Z"));
        assertThat(UiInstants.parse("from", "2026-03-03T14:05:00Z")).isEqualTo(Instant.parse("2026-03-03T14:05:00Z"));
        assertThat(UiInstants.parse("from", " ")).isNull();
        assertThat(UiInstants.text(Instant.parse("2026-03-03T14:05:00Z"))).isEqualTo("2026-03-03T14:05");
        assertThat(UiInstants.text(Instant.parse("2026-03-03T14:05:00.250Z"))).isEqualTo("2026-03-03T14:05:00.250Z");
        assertThatThrownBy(() -> UiInstants.parse("asOf", "yesterday")).isInstanceOf(InvalidInputException.class)
                .hasMessage("asOf: " + UiInstants.RULE + " (was 'yesterday')");
        assertThat(UiInstants.parse("from", "2026-03-03")).isEqualTo(Instant.parse("2026-03-03T00:00:00Z"));
        assertThatThrownBy(() -> UiInstants.parse("to", "0001-01-01T00:00")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("to: must be between the years 1900 and 9999");
    }

    // ---- an export written by the rules of docs/audit-trail.md ----

    private AuditSigningKey key(String name) {
        return new AuditSigningKey(dir.resolve(name + ".pem"));
    }

    private static List<String> lines(PrivateKey signer, String keyId, int count) {
        List<String> lines = new ArrayList<>();
        HashChain chain = new HashChain();
        for (int i = 0; i < count; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("type", "record");
            record.put("sequence", 10L + i);
            record.put("position", 100L + i);
            record.put("recordedAt", "2026-11-27T10:15:3" + i + ".123Z");
            record.put("actor", i % 2 == 0 ? "alice" : "rita");
            record.put("action", i % 2 == 0 ? "PromotionRequested" : "PromotionApproved");
            record.put("model", "credit-risk");
            record.put("version", 1L);
            record.put("environment", "production");
            record.put("reason", "Reviewed, \"fine\"");
            record.put("correlationId", "req-" + i);
            record.put("details", "{\"requestNumber\":1}");
            lines.add(CanonicalJson.text(chain.link(record)));
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("count", (long) count);
        digest.put("firstSequence", 10L);
        digest.put("lastSequence", 10L + count - 1);
        digest.put("finalHash", chain.last());
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("action", null);
        filter.put("actor", null);
        filter.put("from", null);
        filter.put("model", "credit-risk");
        filter.put("to", null);
        digest.put("filter", CanonicalJson.text(filter));
        digest.put("exportedAt", "2026-11-28T08:00:00.000Z");
        digest.put("algorithm", DigestSignature.ALGORITHM);
        digest.put("publicKeyId", keyId);
        lines.add(CanonicalJson.text(DigestSignature.sign(digest, signer)));
        return lines;
    }

    private static VerificationOutcome verify(AuditSigningKey key, List<String> lines) throws IOException {
        byte[] bytes = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        return new UploadedExportVerifier(key).verify(new ByteArrayInputStream(bytes), "export.jsonl", bytes.length,
                ExportFormat.JSONL, false);
    }

    private static VerificationOutcome.Invalid invalid(VerificationOutcome outcome) {
        assertThat(outcome.ok()).as("%s", outcome).isFalse();
        return outcome.invalid();
    }

    private static ExportFormat detect(String content, String name) throws IOException {
        return ExportFormat.detect(new BufferedInputStream(
                new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))), name);
    }
}
