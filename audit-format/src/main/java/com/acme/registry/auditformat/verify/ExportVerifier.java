package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies an export as docs/audit-trail.md, "Verifying", says: the chain of records, then the digest (last line,
 * count, first/last sequence, final hash), then its Ed25519 signature with the given public key. Streaming: it
 * keeps only the previous record's hash, line and sequence.
 */
public final class ExportVerifier {

    public static final List<String> RECORD_FIELDS = List.of("type", "sequence", "position", "recordedAt", "actor",
            "action", "model", "version", "environment", "reason", "correlationId", "details", "previousHash", "hash");
    public static final List<String> DIGEST_FIELDS = List.of("type", "count", "firstSequence", "lastSequence",
            "finalHash", "filter", "exportedAt", "algorithm", "publicKeyId", "signature");

    private enum Kind {
        INTEGER("an integer"), OPTIONAL_INTEGER("an integer or null"),
        STRING("a string"), OPTIONAL_STRING("a string or null");

        final String description;

        Kind(String description) {
            this.description = description;
        }

        boolean accepts(Object value) {
            return switch (this) {
                case INTEGER -> value instanceof Long;
                case OPTIONAL_INTEGER -> value == null || value instanceof Long;
                case STRING -> value instanceof String;
                case OPTIONAL_STRING -> value == null || value instanceof String;
            };
        }
    }

    private static final Map<String, Kind> RECORD_KINDS = kinds(RECORD_FIELDS, Kind.STRING, Kind.INTEGER,
            Kind.OPTIONAL_INTEGER, Kind.STRING, Kind.OPTIONAL_STRING, Kind.STRING, Kind.OPTIONAL_STRING,
            Kind.OPTIONAL_INTEGER, Kind.OPTIONAL_STRING, Kind.OPTIONAL_STRING, Kind.OPTIONAL_STRING, Kind.STRING,
            Kind.STRING, Kind.STRING);
    private static final Map<String, Kind> DIGEST_KINDS = kinds(DIGEST_FIELDS, Kind.STRING, Kind.INTEGER,
            Kind.OPTIONAL_INTEGER, Kind.OPTIONAL_INTEGER, Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING,
            Kind.STRING, Kind.STRING);

    /** What a verified export holds. */
    public record Summary(long count, Long firstSequence, Long lastSequence, String finalHash, String publicKeyId) {

        public String line() {
            return "OK: " + count + (count == 1 ? " record" : " records")
                    + (count == 0 ? "" : ", sequences " + firstSequence + ".." + lastSequence)
                    + ", final hash " + finalHash + ", signed by key " + publicKeyId;
        }
    }

    private ExportVerifier() {
    }

    public static Summary verify(ExportReader reader, PublicKey key) throws IOException, VerificationFailure {
        String previousHash = HashChain.GENESIS;
        long previousLine = 0;
        Long previousSequence = null;
        Long firstSequence = null;
        long count = 0;
        ExportEntry digest = null;
        while (true) {
            ExportEntry entry;
            try {
                entry = reader.next();
            } catch (VerificationFailure e) {
                if (digest != null) {
                    throw VerificationFailure.at(e.line(), "content after the digest (the digest must be the last "
                            + "line)");
                }
                throw e;
            }
            if (entry == null) {
                break;
            }
            Map<String, Object> fields = entry.fields();
            Object type = fields.get("type");
            if (digest != null) {
                throw VerificationFailure.at(entry.line(), ("record".equals(type) ? "records" : "content")
                        + " after the digest (the digest on line " + digest.line() + " must be the last line)");
            }
            if ("digest".equals(type)) {
                digest = entry;
                continue;
            }
            if (!"record".equals(type)) {
                throw VerificationFailure.at(entry.line(), type == null
                        ? "no \"type\" (neither a record nor the digest)"
                        : "unknown type " + type + " (neither a record nor the digest)");
            }
            String where = "line " + entry.line()
                    + (fields.get("sequence") instanceof Long sequence ? " (sequence " + sequence + ")" : "");
            checkShape(entry.line(), where, "record", fields, RECORD_KINDS);
            long sequence = (Long) fields.get("sequence");
            if (!HashChain.hashOf(fields).equals(fields.get(HashChain.HASH))) {
                throw new VerificationFailure(entry.line(), where + ": hash does not match its content");
            }
            if (!previousHash.equals(fields.get(HashChain.PREVIOUS_HASH))) {
                throw new VerificationFailure(entry.line(), where + (previousLine == 0
                        ? ": previousHash is not 64 zeros, but this is the first record (an export starts its own chain)"
                        : ": previousHash does not link to line " + previousLine + " (sequence " + previousSequence
                                + ")"));
            }
            if (previousSequence != null && sequence <= previousSequence) {
                throw new VerificationFailure(entry.line(), where + ": sequence is not after the previous record's ("
                        + "line " + previousLine + ", sequence " + previousSequence + ")");
            }
            previousHash = (String) fields.get(HashChain.HASH);
            previousLine = entry.line();
            previousSequence = sequence;
            if (firstSequence == null) {
                firstSequence = sequence;
            }
            count++;
        }
        if (digest == null) {
            throw new VerificationFailure(0, "no digest line: the export is truncated"
                    + (count == 0 ? " (no lines at all)"
                    : " (the last line is line " + previousLine + ", a record, sequence " + previousSequence + ")"));
        }
        try {
            return checkDigest(digest, count, firstSequence, previousSequence, previousLine, previousHash, key);
        } catch (VerificationFailure e) {
            if (digest.complete()) {
                throw e;
            }
            throw new VerificationFailure(e.line(), e.getMessage()
                    + "; the last line has no line end: the export is truncated");
        }
    }

    private static Summary checkDigest(ExportEntry digest, long count, Long firstSequence, Long previousSequence,
            long previousLine, String previousHash, PublicKey key) throws VerificationFailure {
        Map<String, Object> fields = digest.fields();
        String where = "digest (line " + digest.line() + ")";
        checkShape(digest.line(), where, "digest", fields, DIGEST_KINDS);
        long said = (Long) fields.get("count");
        if (said != count) {
            throw new VerificationFailure(digest.line(), where + ": count says " + said + ", the file has " + count
                    + (count == 1 ? " record" : " records"));
        }
        if (!Objects.equals(fields.get("firstSequence"), firstSequence)) {
            throw new VerificationFailure(digest.line(), where + ": firstSequence says " + fields.get("firstSequence")
                    + ", the first record has " + (firstSequence == null ? "none (there are no records)"
                    : "sequence " + firstSequence));
        }
        if (!Objects.equals(fields.get("lastSequence"), previousSequence)) {
            throw new VerificationFailure(digest.line(), where + ": lastSequence says " + fields.get("lastSequence")
                    + ", the last record has " + (previousSequence == null ? "none (there are no records)"
                    : "sequence " + previousSequence + " (line " + previousLine + ")"));
        }
        if (!previousHash.equals(fields.get("finalHash"))) {
            throw new VerificationFailure(digest.line(), where + ": finalHash does not match the last record"
                    + (count == 0 ? " (there are none: 64 zeros)" : " (line " + previousLine + ", sequence "
                    + previousSequence + ")"));
        }
        if (!DigestSignature.ALGORITHM.equals(fields.get("algorithm"))) {
            throw new VerificationFailure(digest.line(), where + ": algorithm is " + fields.get("algorithm")
                    + ", not " + DigestSignature.ALGORITHM);
        }
        String signature = (String) fields.get(DigestSignature.SIGNATURE);
        if (!isCanonicalBase64(signature)) {
            throw new VerificationFailure(digest.line(), where + ": signature is not base64 (RFC 4648, with padding)");
        }
        String keyId = DigestSignature.keyId(key);
        String named = (String) fields.get("publicKeyId");
        if (!DigestSignature.verify(fields, key)) {
            throw new VerificationFailure(digest.line(), where + ": signature does not verify with the given public "
                    + "key (key id " + keyId + ", digest names " + named + ")");
        }
        if (!keyId.equals(named)) {
            throw new VerificationFailure(digest.line(), where + ": publicKeyId " + named
                    + " is not the id of the given public key (" + keyId + "), though the signature verifies");
        }
        return new Summary(count, firstSequence, previousSequence, previousHash, keyId);
    }

    private static void checkShape(long line, String where, String what, Map<String, Object> fields,
            Map<String, Kind> kinds) throws VerificationFailure {
        for (String name : kinds.keySet()) {
            if (!fields.containsKey(name)) {
                throw new VerificationFailure(line, where + ": the " + what + " has no field \"" + name + "\"");
            }
        }
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Kind kind = kinds.get(field.getKey());
            if (kind == null) {
                throw new VerificationFailure(line, where + ": the " + what + " has an unknown field \""
                        + field.getKey() + "\"");
            }
            if (!kind.accepts(field.getValue())) {
                throw new VerificationFailure(line, where + ": field \"" + field.getKey() + "\" must be "
                        + kind.description + ", it is " + (field.getValue() == null ? "null"
                        : field.getValue() instanceof String ? "a string" : field.getValue().toString()));
            }
        }
    }

    /** Base64 that decodes and encodes back to itself (no stray bits: one signature, one text). */
    private static boolean isCanonicalBase64(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<String, Kind> kinds(List<String> names, Kind... kinds) {
        Map<String, Kind> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), kinds[i]);
        }
        return map;
    }
}
