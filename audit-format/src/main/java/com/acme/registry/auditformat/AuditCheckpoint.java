package com.acme.registry.auditformat;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A signed checkpoint of the stored audit chain's head (docs/security-checkpoints.md): the registry states, with its
 * audit signing key, that the record at {@code sequence} of its stored log has the stored-chain hash {@code hash}.
 * A copy kept outside the registry's database anchors the chain: a history rewritten and re-hashed afterwards no
 * longer reaches that hash.
 */
public final class AuditCheckpoint {

    public static final String TYPE = "checkpoint";
    /** Every field of a checkpoint, in the order this page documents them; the canonical form sorts them. */
    public static final List<String> FIELDS = List.of("type", "sequence", "hash", "count", "takenAt", "trigger",
            "previousCheckpoint", "algorithm", "publicKeyId", "signature");
    /** Why a checkpoint was taken: every N records, at the interval, or on a person's demand. */
    public static final List<String> TRIGGERS = List.of("records", "interval", "demand");

    private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private AuditCheckpoint() {
    }

    /** A new checkpoint, signed over the canonical form of all its other fields. */
    public static Map<String, Object> sign(long sequence, String hash, long count, String takenAt, String trigger,
                                           String previousCheckpoint, PrivateKey key, String publicKeyId) {
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("type", TYPE);
        checkpoint.put("sequence", sequence);
        checkpoint.put("hash", hash);
        checkpoint.put("count", count);
        checkpoint.put("takenAt", takenAt);
        checkpoint.put("trigger", trigger);
        checkpoint.put("previousCheckpoint", previousCheckpoint);
        checkpoint.put("algorithm", DigestSignature.ALGORITHM);
        checkpoint.put("publicKeyId", publicKeyId);
        return DigestSignature.sign(checkpoint, key);
    }

    /** What the next checkpoint names as {@code previousCheckpoint}: SHA-256 of this one's canonical form. */
    public static String digest(Map<String, ?> checkpoint) {
        return HashChain.sha256Hex(CanonicalJson.bytes(checkpoint));
    }

    /** The checkpoint as it is written to its file: canonical JSON and a line end. */
    public static String fileText(Map<String, ?> checkpoint) {
        return CanonicalJson.text(checkpoint) + "\n";
    }

    /**
     * {@code audit-checkpoint-000000001000-0eb08f33d598b1ec.json}: files sort in sequence order, and the start of the
     * signing key's id keeps apart the checkpoints of registries (or keys) that share a directory.
     */
    public static String fileName(long sequence, String publicKeyId) {
        return String.format(Locale.ROOT, "audit-checkpoint-%012d-%s.json", sequence, publicKeyId.substring(0, 16));
    }

    /** The fields as the canonical form takes them: JSON parsers' Integer and Short become Long. */
    public static Map<String, Object> normalised(Map<String, ?> parsed) {
        Map<String, Object> fields = new LinkedHashMap<>();
        parsed.forEach((name, value) -> fields.put(name,
                value instanceof Integer || value instanceof Short ? (Object) ((Number) value).longValue() : value));
        return fields;
    }

    /**
     * What is wrong with the shape of {@code checkpoint} (fields {@link #normalised}), by field name; empty if it is
     * a well-formed checkpoint. The signature is not checked here ({@link #signatureVerifies}).
     */
    public static Map<String, String> problems(Map<String, ?> checkpoint) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : checkpoint.keySet()) {
            if (!FIELDS.contains(name)) {
                problems.put(name, "is not a field of a checkpoint (fields: " + String.join(", ", FIELDS) + ")");
            }
        }
        for (String name : FIELDS) {
            if (!checkpoint.containsKey(name)) {
                problems.put(name, "is required");
                continue;
            }
            String problem = problem(name, checkpoint.get(name));
            if (problem != null) {
                problems.put(name, problem);
            }
        }
        return problems;
    }

    private static String problem(String name, Object value) {
        return switch (name) {
            case "type" -> TYPE.equals(value) ? null : "must be \"" + TYPE + "\"";
            case "sequence", "count" -> value instanceof Long n && n >= 1 ? null : "must be an integer of at least 1";
            case "hash", "publicKeyId" -> value instanceof String s && HEX_64.matcher(s).matches() ? null
                    : "must be 64 lowercase hex characters";
            case "previousCheckpoint" -> value == null || value instanceof String s && HEX_64.matcher(s).matches()
                    ? null : "must be null or 64 lowercase hex characters";
            case "takenAt" -> value instanceof String s && isInstant(s) ? null
                    : "must be a UTC instant with milliseconds, e.g. 2026-12-01T10:15:30.123Z";
            case "trigger" -> TRIGGERS.contains(value) ? null : "must be one of " + String.join(", ", TRIGGERS);
            case "algorithm" -> DigestSignature.ALGORITHM.equals(value) ? null
                    : "must be \"" + DigestSignature.ALGORITHM + "\"";
            case "signature" -> value instanceof String s && isCanonicalBase64(s) ? null
                    : "must be base64 (RFC 4648, with padding)";
            default -> null;
        };
    }

    /** The signature verifies with {@code key}, and {@code publicKeyId} is that key's id. */
    public static boolean signatureVerifies(Map<String, ?> checkpoint, PublicKey key) {
        return DigestSignature.keyId(key).equals(checkpoint.get("publicKeyId"))
                && DigestSignature.verify(checkpoint, key);
    }

    /** One line naming the checkpoint for people: "checkpoint of sequence 1000 taken at 2026-…Z". */
    public static String describe(Map<String, ?> checkpoint) {
        return "checkpoint of sequence " + checkpoint.get("sequence") + " taken at " + checkpoint.get("takenAt");
    }

    private static boolean isInstant(String text) {
        if (!INSTANT.matcher(text).matches()) {
            return false;
        }
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isCanonicalBase64(String text) {
        try {
            byte[] bytes = Base64.getDecoder().decode(text.getBytes(StandardCharsets.US_ASCII));
            return bytes.length > 0 && Base64.getEncoder().encodeToString(bytes).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
