package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A test-only export writer (shared with registry-cli's tests by audit-format's test jar) that follows docs/audit-trail.md (with audit-format's CanonicalJson, HashChain and
 * DigestSignature, and nothing of the verifier), writing records with realistic values: quotes, commas, line
 * breaks, control characters, unicode, nulls, empty strings and a formula (CSV format 2 guards it).
 */
public final class ExportWriter {

    public enum Format {
        JSONL(".jsonl"), CSV(".csv");

        public final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    public static final List<String> CSV_COLUMNS = List.of("type", "sequence", "position", "recordedAt", "actor", "action",
            "model", "version", "environment", "reason", "correlationId", "details", "previousHash", "hash", "count",
            "firstSequence", "lastSequence", "finalHash", "filter", "exportedAt", "algorithm", "publicKeyId",
            "signature", "csvFormat");
    /** The cells format 2 guards with an apostrophe (written out here, apart from audit-format's FormulaGuard). */
    private static final Pattern GUARDED = Pattern.compile("^[=+\\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20'].*", Pattern.DOTALL);

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-11-27T10:15:30.123Z");
    private static final String[] ACTORS = {"alice", "token:decision-engine", "O'Brien, \"Bob\"", "zoë 田中", "",
            "bob"};
    private static final String[] ACTIONS = {"ModelVersionRegistered", "PromotionRequested", "PromotionApproved",
            "RolloutStarted", "RollbackPerformed", "ReviewCommented"};
    private static final String[] MODELS = {"credit-risk-scorer", "fraud \"edge\", v2", "モデル-ü"};
    private static final String[] ENVIRONMENTS = {null, "staging", "production", ""};
    private static final String[] REASONS = {null, "", "Quarterly retrain;\nAUC 0.81 → 0.84, \"approved\" by risk",
            "line one\r\nline two, with a comma", "tab\there, control \u0001 and \u001f chars",
            "emoji 🚀, back\\slash and a lone \"quote", "=HYPERLINK(\"http://evil\",\"click\")"};

    private ExportWriter() {
    }

    public static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The sequence of the i-th exported record (0-based): increasing, with gaps as in a filtered export. */
    public static long sequence(long i) {
        return 1000 + i + i / 4;
    }

    /** The i-th record (0-based) of an export, with {@code type} and without previousHash/hash. */
    public static Map<String, Object> record(long i) {
        int kind = (int) (i % 10);
        boolean security = kind == 7 || kind == 9;
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "record");
        record.put("sequence", sequence(i));
        record.put("position", security ? null : 500 + i);
        record.put("recordedAt", INSTANT.format(START.plusMillis(i * 1537)));
        record.put("actor", kind == 7 ? null : ACTORS[(int) (i % ACTORS.length)]);
        record.put("action", security ? (kind == 7 ? "AuthenticationFailed" : "AccessDenied")
                : ACTIONS[(int) (i % ACTIONS.length)]);
        String model = security ? null : MODELS[(int) (i % MODELS.length)];
        long version = 1 + i % 13;
        record.put("model", model);
        record.put("version", security ? null : version);
        record.put("environment", security ? null : ENVIRONMENTS[(int) (i % ENVIRONMENTS.length)]);
        record.put("reason", security ? null : REASONS[(int) (i % REASONS.length)]);
        record.put("correlationId", i % 3 == 0 ? null : new UUID(0x5eed0000L + i, i * 7919).toString());
        if (security) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("path", "/api/v1/models/" + MODELS[(int) (i % MODELS.length)] + "/versions");
            details.put("method", kind == 7 ? "GET" : "POST");
            details.put("status", kind == 7 ? 401L : 403L);
            record.put("details", CanonicalJson.text(details));
        } else {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("model", model);
            details.put("version", version);
            details.put("description", "Gradient boosted trees, \"v" + version + "\",\nretrained on débit/credit data");
            details.put("artifactUri", "s3://models/" + i + "/model.onnx");
            details.put("approved", i % 2 == 0);
            String text = CanonicalJson.text(details); // details is JSON text: it may hold arrays and numbers
            record.put("details", text.substring(0, text.length() - 1)
                    + ",\"features\":[\"age\",\"income\",\"debt_ratio\"],\"auc\":0.84}");
        }
        return record;
    }

    /** The signed digest of an export. */
    public static Map<String, Object> digest(long count, Long first, Long last, String finalHash, KeyPair key) {
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("count", count);
        digest.put("firstSequence", first);
        digest.put("lastSequence", last);
        digest.put("finalHash", finalHash);
        Map<String, Object> filter = new LinkedHashMap<>();
        for (String name : List.of("action", "actor", "from", "model", "to")) {
            filter.put(name, null);
        }
        filter.put("model", "credit-risk-scorer");
        digest.put("filter", CanonicalJson.text(filter));
        digest.put("exportedAt", "2026-11-28T08:00:00.000Z");
        digest.put("algorithm", DigestSignature.ALGORITHM);
        digest.put("publicKeyId", DigestSignature.keyId(key.getPublic()));
        return DigestSignature.sign(digest, key.getPrivate());
    }

    public static String header(Format format) {
        return format == Format.CSV ? String.join(",", CSV_COLUMNS) + "\r\n" : "";
    }

    /** One line (CSV: one row) of the export, with its line end. */
    public static String line(Format format, Map<String, ?> fields) {
        if (format == Format.JSONL) {
            return CanonicalJson.text(fields) + "\n";
        }
        StringBuilder row = new StringBuilder();
        for (String column : CSV_COLUMNS) {
            if (!column.equals("type")) {
                row.append(',');
            }
            Object value = column.equals("csvFormat") ? "2" : fields.get(column);
            if (value != null) {
                String cell = GUARDED.matcher(value.toString()).matches() ? "'" + value : value.toString();
                row.append('"').append(cell.replace("\"", "\"\"")).append('"');
            }
        }
        return row.append("\r\n").toString();
    }

    /** An export held in memory as its units (the CSV header, each record, the digest), to tamper with. */
    public static final class Export {
        public final Format format;
        public final List<String> units = new ArrayList<>();
        public final List<Map<String, Object>> records = new ArrayList<>();
        public Map<String, Object> digest;

        Export(Format format) {
            this.format = format;
        }

        /** The index in {@link #units} of the k-th record (0-based). */
        public int unit(int k) {
            return format == Format.CSV ? k + 1 : k;
        }

        public int digestUnit() {
            return units.size() - 1;
        }

        public String text() {
            return String.join("", units);
        }

        /** The line (1-based) a unit starts on, for these units. */
        public static long lineOf(List<String> units, int index) {
            long line = 1;
            for (int i = 0; i < index; i++) {
                line += units.get(i).chars().filter(c -> c == '\n').count();
            }
            return line;
        }

        public long lineOf(int index) {
            return lineOf(units, index);
        }
    }

    public static Export build(Format format, int n, KeyPair key) {
        Export export = new Export(format);
        if (format == Format.CSV) {
            export.units.add(header(format));
        }
        HashChain chain = new HashChain();
        for (int i = 0; i < n; i++) {
            Map<String, Object> linked = chain.link(record(i));
            export.records.add(linked);
            export.units.add(line(format, linked));
        }
        export.digest = digest(n, n == 0 ? null : sequence(0), n == 0 ? null : sequence(n - 1), chain.last(), key);
        export.units.add(line(format, export.digest));
        return export;
    }

    /** Writes an export of n records to a file, streaming (constant memory). */
    public static void stream(Path file, Format format, long n, KeyPair key) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(header(format).getBytes(StandardCharsets.UTF_8));
            HashChain chain = new HashChain();
            for (long i = 0; i < n; i++) {
                out.write(line(format, chain.link(record(i))).getBytes(StandardCharsets.UTF_8));
            }
            out.write(line(format, digest(n, n == 0 ? null : sequence(0), n == 0 ? null : sequence(n - 1),
                    chain.last(), key)).getBytes(StandardCharsets.UTF_8));
        }
    }
}
