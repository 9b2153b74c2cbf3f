package com.acme.registry.ui.audit;

import com.acme.registry.auditformat.verify.ExportEntry;
import java.util.Map;

/**
 * What verifying one uploaded export found: either it is intact and signed by this registry ({@link Valid}), or
 * the first place where it is not ({@link Invalid}), down to the line and record.
 */
record VerificationOutcome(String fileName, long bytes, ExportFormat format, boolean formatDetected, Valid valid,
                           Invalid invalid) {

    public boolean ok() {
        return valid != null;
    }

    /** The file's size for people ("1.4 MB"). */
    public String size() {
        return UploadLimit.size(bytes);
    }

    /**
     * @param filter     the filter the export was taken with, as its signed digest names it (canonical JSON)
     * @param exportedAt when it was taken, as its signed digest says
     */
    record Valid(long records, Long firstSequence, Long lastSequence, String lastHash, String keyId,
                 String exportedAt, String filter) {
    }

    /**
     * @param kind          what went wrong, in a few words ("Altered record")
     * @param explanation   what that means for the export
     * @param line          the line of the file (1-based), 0 when it is about the file as a whole
     * @param message       the verifier's own words, exactly as registry-cli prints them
     * @param entry         the record or digest on that line as read, null when the line could not be read
     * @param recordsBefore records that verified before it
     * @param lastGood      the last record that verified, null when none did
     */
    record Invalid(String kind, String explanation, long line, String message, Seen entry, long recordsBefore,
                   Seen lastGood) {
    }

    /** A record (or the digest) of the uploaded file, as it reads there. */
    record Seen(long line, String type, Object sequence, Object recordedAt, Object actor, Object action, Object model,
                Object version, Object environment) {

        static Seen of(ExportEntry entry) {
            if (entry == null) {
                return null;
            }
            Map<String, Object> f = entry.fields();
            return new Seen(entry.line(), String.valueOf(f.get("type")), f.get("sequence"), f.get("recordedAt"),
                    f.get("actor"), f.get("action"), f.get("model"), f.get("version"), f.get("environment"));
        }

        public boolean digest() {
            return "digest".equals(type);
        }
    }
}
