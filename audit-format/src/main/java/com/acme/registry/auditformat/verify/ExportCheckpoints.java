package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.auditformat.DigestSignature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks an export against saved checkpoints (docs/security-checkpoints.md): each checkpoint's signature must verify
 * with the public key; an export of the whole log that reaches a checkpoint's sequence must have, at that sequence, a
 * record whose stored-chain hash is the checkpoint's — otherwise the history was rewritten after the checkpoint.
 */
public final class ExportCheckpoints {

    /** The checkpoints cannot be checked at all (unreadable file, a filtered export): a usage error. */
    public static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private record Saved(Path file, Map<String, Object> fields) {
        long sequence() {
            return (Long) fields.get("sequence");
        }

        String name() {
            return AuditCheckpoint.describe(fields) + " (" + file + ")";
        }
    }

    private final List<Saved> checkpoints;
    private final List<String> skipped;
    private StoredChainTracker tracker;

    private ExportCheckpoints(List<Saved> checkpoints, List<String> skipped) {
        this.checkpoints = checkpoints;
        this.skipped = skipped;
    }

    /**
     * Reads the checkpoint files and checks their signatures. Of a directory, the {@code audit-checkpoint-*.json}
     * files signed by another key are skipped (each is named in {@link #check}'s lines), since a registry's
     * directory holds the checkpoints of every key it had.
     *
     * @throws Unusable            a file cannot be read or is not a checkpoint
     * @throws VerificationFailure a checkpoint's signature does not verify with {@code key}
     */
    public static ExportCheckpoints load(List<Path> paths, PublicKey key) throws Unusable, VerificationFailure {
        String keyId = DigestSignature.keyId(key);
        List<Saved> saved = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Listed listed : files(paths)) {
            Path file = listed.file();
            Map<String, Object> fields = read(file);
            if (listed.inDirectory() && !keyId.equals(fields.get("publicKeyId"))) {
                skipped.add("SKIPPED: " + AuditCheckpoint.describe(fields) + " (" + file + "): signed by key "
                        + fields.get("publicKeyId") + ", not by the given key; check it with that key's PEM");
                continue;
            }
            if (!AuditCheckpoint.signatureVerifies(fields, key)) {
                throw new VerificationFailure(0, "checkpoint file " + file + ": the signature does not verify with "
                        + "the given public key (key id " + keyId + ", the checkpoint names "
                        + fields.get("publicKeyId") + "): the checkpoint was changed, or was signed by another key");
            }
            saved.add(new Saved(file, fields));
        }
        if (saved.isEmpty()) {
            throw new Unusable("none of the checkpoints is signed by the given public key (key id " + keyId + ")");
        }
        saved.sort(Comparator.comparingLong(Saved::sequence));
        return new ExportCheckpoints(saved, skipped);
    }

    /** A checkpoint file named on the command line, or found in a directory named there. */
    private record Listed(Path file, boolean inDirectory) {
    }

    private static List<Listed> files(List<Path> paths) throws Unusable {
        List<Listed> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listed = Files.list(path)) {
                    List<Path> inside = listed.filter(p -> p.getFileName().toString().matches(
                            "audit-checkpoint-.*\\.json")).sorted().toList();
                    if (inside.isEmpty()) {
                        throw new Unusable("no audit-checkpoint-*.json files in the directory " + path);
                    }
                    inside.forEach(file -> files.add(new Listed(file, true)));
                } catch (IOException e) {
                    throw new Unusable("cannot list the checkpoint directory " + path + ": " + e.getMessage());
                }
            } else {
                files.add(new Listed(path, false));
            }
        }
        return files;
    }

    private static Map<String, Object> read(Path file) throws Unusable {
        Map<String, Object> fields;
        try {
            fields = FlatJsonObject.read(Files.readString(file, StandardCharsets.UTF_8));
        } catch (FlatJsonObject.Refused refused) {
            throw new Unusable("checkpoint file " + file + (refused.syntax() ? " is not a JSON object: "
                    : " is not a checkpoint: ") + refused.getMessage());
        } catch (IOException e) {
            throw new Unusable("cannot read the checkpoint file " + file);
        }
        Map<String, String> problems = AuditCheckpoint.problems(fields);
        if (!problems.isEmpty()) {
            throw new Unusable("checkpoint file " + file + " is not a checkpoint: " + problems.entrySet().stream()
                    .map(p -> p.getKey() + " " + p.getValue()).collect(Collectors.joining("; ")));
        }
        return fields;
    }

    /** The export as the verifier reads it, noting the stored chain on the way. */
    public ExportReader watching(ExportReader export) {
        Set<Long> sequences = checkpoints.stream().map(Saved::sequence).collect(Collectors.toSet());
        tracker = new StoredChainTracker(export, sequences);
        return tracker;
    }

    /**
     * After the export verified: one line per checkpoint that holds or that the export does not reach.
     *
     * @throws VerificationFailure the export's history differs from a checkpoint's
     * @throws Unusable            the export is filtered, so it cannot be checked against a checkpoint
     */
    public List<String> check(ExportVerifier.Summary export) throws VerificationFailure, Unusable {
        Map<String, Object> digest = tracker.digest();
        String filter = (String) digest.get("filter");
        if (!wholeLog(filter)) {
            throw new Unusable("checkpoints can be checked only against an export of the whole audit log "
                    + "(GET /api/v1/audit/export without model, actor, action, from or to); this export's filter is "
                    + filter);
        }
        Instant exportedAt = Instant.parse((String) digest.get("exportedAt"));
        List<String> lines = new ArrayList<>(skipped);
        Saved held = null;
        for (Saved checkpoint : checkpoints) {
            long sequence = checkpoint.sequence();
            Instant takenAt = Instant.parse((String) checkpoint.fields().get("takenAt"));
            if (export.count() == 0 || export.lastSequence() < sequence) {
                if (!exportedAt.isBefore(takenAt)) {
                    throw failure("the export of the whole log, made at " + digest.get("exportedAt") + ", ends at "
                            + "sequence " + (export.count() == 0 ? 0 : export.lastSequence()) + ", but the "
                            + checkpoint.name() + " covers sequence " + sequence + ": records were removed after the "
                            + "checkpoint was taken", held);
                }
                lines.add("NOT COVERED: " + checkpoint.name() + ": the export was made before it ("
                        + digest.get("exportedAt") + ")");
                continue;
            }
            Long missing = tracker.firstMissing();
            if (missing != null && missing <= sequence) {
                throw failure("the export of the whole log has no record of sequence " + missing + " (the "
                        + checkpoint.name() + " covers sequence " + sequence + "): the history was rewritten after "
                        + "the checkpoint was taken", held);
            }
            StoredChainTracker.Found record = tracker.at(sequence);
            Object hash = checkpoint.fields().get("hash");
            if (!record.storedHash().equals(hash)) {
                throw failure("rewritten after checkpoint: the record of sequence " + sequence + " (line "
                        + record.line() + ") has the stored-chain hash " + record.storedHash() + ", but the "
                        + checkpoint.name() + " says " + hash + ": the history at or before sequence " + sequence
                        + " differs from what was checkpointed", held);
            }
            lines.add("OK: " + checkpoint.name() + ": the record of sequence " + sequence + " (line "
                    + record.line() + ") has the checkpoint's hash");
            held = checkpoint;
        }
        return lines;
    }

    private static VerificationFailure failure(String message, Saved held) {
        return new VerificationFailure(0, message + (held == null ? "" : " (the " + held.name()
                + " still holds: the change is after sequence " + held.sequence() + ")"));
    }

    private static boolean wholeLog(String filter) {
        try {
            return FlatJsonObject.read(filter).values().stream().allMatch(v -> v == null);
        } catch (FlatJsonObject.Refused e) {
            return false;
        }
    }
}
