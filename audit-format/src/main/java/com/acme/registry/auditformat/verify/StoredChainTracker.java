package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.HashChain;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Passes an export's entries on to the verifier unchanged and, on the way, recomputes the registry's stored chain
 * over the records (docs/security-checkpoints.md): in the stored log each record's {@code previousHash} is the
 * stored hash of the record before it, and {@code type} is not part of a record. This is possible only for an export
 * that holds every record from sequence 1 on, in order; the first missing sequence is noted. Keeps the stored hashes
 * of the {@code wanted} sequences only.
 */
final class StoredChainTracker implements ExportReader {

    /** A record of the export, as the stored chain sees it. */
    record Found(long line, String storedHash) {
    }

    private final ExportReader export;
    private final Set<Long> wanted;
    private final long lastWanted;
    private final Map<Long, Found> found = new HashMap<>();
    private String previousStoredHash = HashChain.GENESIS;
    private long expectedSequence = 1;
    private Long firstMissing;
    private Map<String, Object> digest;

    StoredChainTracker(ExportReader export, Set<Long> wanted) {
        this.export = export;
        this.wanted = wanted;
        this.lastWanted = wanted.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    @Override
    public ExportEntry next() throws IOException, VerificationFailure {
        ExportEntry entry = export.next();
        if (entry != null) {
            Map<String, Object> fields = entry.fields();
            if ("digest".equals(fields.get("type"))) {
                digest = fields;
            } else if ("record".equals(fields.get("type")) && fields.get("sequence") instanceof Long sequence) {
                track(entry.line(), sequence, fields);
            }
        }
        return entry;
    }

    private void track(long line, long sequence, Map<String, Object> fields) {
        if (firstMissing != null || expectedSequence > lastWanted) {
            return;
        }
        if (sequence != expectedSequence) {
            firstMissing = expectedSequence;
            return;
        }
        Map<String, Object> stored = new HashMap<>(fields);
        stored.remove("type");
        stored.remove(HashChain.HASH);
        stored.put(HashChain.PREVIOUS_HASH, previousStoredHash);
        previousStoredHash = HashChain.hashOf(stored);
        if (wanted.contains(sequence)) {
            found.put(sequence, new Found(line, previousStoredHash));
        }
        expectedSequence++;
    }

    /** The record at {@code sequence}, if the export holds every record up to it. */
    Found at(long sequence) {
        return found.get(sequence);
    }

    /** The first sequence (up to the last wanted one) the export does not hold in order, or null. */
    Long firstMissing() {
        return firstMissing;
    }

    /** The export's digest line, once read. */
    Map<String, Object> digest() {
        return digest;
    }
}
