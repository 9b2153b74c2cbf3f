package com.acme.registry.ui.audit;

import com.acme.registry.audit.AuditSigningKey;
import com.acme.registry.auditformat.verify.ExportEntry;
import com.acme.registry.auditformat.verify.ExportVerifier;
import com.acme.registry.auditformat.verify.VerificationFailure;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Verifies an uploaded export against this registry's public key with audit-format's verifier, the very code
 * registry-cli runs for an outside auditor, reading it as a stream (one line at a time, whatever its size).
 */
@Component
class UploadedExportVerifier {

    private final AuditSigningKey key;

    UploadedExportVerifier(AuditSigningKey key) {
        this.key = key;
    }

    /** Verifies {@code in}, an export in {@code format}; {@code detected} says the format was detected, not chosen. */
    VerificationOutcome verify(InputStream in, String fileName, long bytes, ExportFormat format, boolean detected)
            throws IOException {
        RecordingReader reader = new RecordingReader(format.reader(in));
        try {
            ExportVerifier.Summary summary = ExportVerifier.verify(reader, key.publicKey());
            ExportEntry digest = reader.last();
            return new VerificationOutcome(fileName, bytes, format, detected, new VerificationOutcome.Valid(
                    summary.count(), summary.firstSequence(), summary.lastSequence(), summary.finalHash(),
                    summary.publicKeyId(), (String) digest.fields().get("exportedAt"),
                    (String) digest.fields().get("filter")), null);
        } catch (VerificationFailure failure) {
            Problem problem = Problem.of(failure.getMessage());
            return new VerificationOutcome(fileName, bytes, format, detected, null, new VerificationOutcome.Invalid(
                    problem.kind(), problem.explanation(), failure.line(), failure.getMessage(),
                    VerificationOutcome.Seen.of(reader.at(failure.line())), reader.recordsBefore(failure.line()),
                    VerificationOutcome.Seen.of(reader.lastGoodBefore(failure.line()))));
        }
    }

    /**
     * The verifier's failure put in a few words. It names the line and the rule in its message; the first matching
     * phrase here picks the heading, and the message itself is always shown in full below it.
     */
    record Problem(String kind, String explanation, List<String> phrases) {

        private static final List<Problem> KNOWN = List.of(
                new Problem("Truncated export", "The file ends before the export did: lines are missing at its end.",
                        List.of("truncated")),
                new Problem("Altered record", "This record's content does not match its hash: it was changed after "
                        + "the export was signed.", List.of("hash does not match its content")),
                new Problem("Broken hash link", "This record does not link to the one before it: records were "
                        + "removed, inserted or reordered above it.", List.of("previousHash")),
                new Problem("Records out of order", "Sequences must rise from record to record.",
                        List.of("sequence is not after")),
                new Problem("Content after the digest", "The signed digest must be the last line; something was "
                        + "added after it.", List.of("after the digest")),
                new Problem("Digest does not match the records", "The signed digest describes other records than the "
                        + "file holds: records were added or removed.",
                        List.of("count says", "firstSequence says", "lastSequence says", "finalHash does not match")),
                new Problem("Bad signature", "The digest's signature does not verify with this registry's public key: "
                        + "the digest was changed, or the export was not signed by this registry.",
                        List.of("signature does not verify", "signature is not base64", "algorithm is")),
                new Problem("Signed by another key", "The digest names another key than this registry's.",
                        List.of("is not the id of the given public key")),
                new Problem("Unguarded formula", "A cell begins with a character that starts a spreadsheet formula "
                        + "without the apostrophe the export writes before it: the file was changed after it was "
                        + "exported. Do not open it in a spreadsheet.", List.of("without the apostrophe that guards")),
                new Problem("Malformed line", "This line is not a record or digest of an audit export in this "
                        + "format.", List.of("not valid JSON", "malformed CSV", "not valid UTF-8", "empty line",
                        "not a JSON object", "columns, the header has", "not the header", "is empty", "not an integer",
                        "unknown type", "no \"type\"", "no type", "longer than", "a row longer", "field \"",
                        "has no field", "unknown field", "column ")));

        static Problem of(String message) {
            for (Problem problem : KNOWN) {
                for (String phrase : problem.phrases()) {
                    if (message.contains(phrase)) {
                        return problem;
                    }
                }
            }
            return new Problem("Does not verify", "The export is not as this registry signed it.", List.of());
        }
    }
}
