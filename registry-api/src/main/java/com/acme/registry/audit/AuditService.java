package com.acme.registry.audit;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.stereotype.Service;

import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door to the audit log: its records, its verification against checkpoints, signed exports, the checkpoints
 * themselves, the registry's public key, and the values that occur in it (for filter forms).
 */
@Service
public class AuditService {

    private final AuditQueries queries;
    private final AuditVocabulary vocabulary;
    private final AuditExport export;
    private final AuditSigningKey key;
    private final AuditCheckpoints checkpoints;
    private final AuditCheckpointVerification verification;

    AuditService(AuditQueries queries, AuditVocabulary vocabulary, AuditExport export, AuditSigningKey key,
                 AuditCheckpoints checkpoints, AuditCheckpointVerification verification) {
        this.queries = queries;
        this.vocabulary = vocabulary;
        this.export = export;
        this.key = key;
        this.checkpoints = checkpoints;
        this.verification = verification;
    }

    // ---- records ----

    /** The matching records in sequence order, a page of them. */
    public Page<AuditRecord> records(AuditFilter filter, PageRequest page) {
        return queries.page(filter, page);
    }

    /** Streams the chained, signed export of the matching records to {@code out}. */
    public void export(AuditFilter filter, AuditExportFormat format, OutputStream out) {
        export.write(filter, format, out);
    }

    public List<String> models() {
        return vocabulary.models();
    }

    public List<String> actors() {
        return vocabulary.actors();
    }

    public List<String> actions() {
        return vocabulary.actions();
    }

    public AuditLogHead head() {
        return vocabulary.head();
    }

    // ---- verification and checkpoints ----

    /** The whole stored chain recomputed and checked against the stored checkpoints. */
    public AuditQueries.Verification verifyStored() {
        return verification.verifyStored();
    }

    /** The stored chain checked against a checkpoint kept outside the registry. */
    public AuditQueries.Verification verifyAgainst(Map<String, Object> checkpoint) {
        return verification.verifyAgainst(checkpoint);
    }

    /** Signed checkpoints of the chain's head, newest first. */
    public Page<Map<String, Object>> checkpoints(PageRequest page) {
        return checkpoints.page(page);
    }

    public Optional<Map<String, Object>> latestCheckpoint() {
        return checkpoints.latest();
    }

    public Optional<Map<String, Object>> checkpoint(long sequence) {
        return checkpoints.at(sequence);
    }

    /** The checkpoint of the chain's head: taken now by {@code actor}, or the head's own if it has one. */
    public Map<String, Object> takeCheckpoint(String actor) {
        return checkpoints.takeOnDemand(actor).checkpoint();
    }

    // ---- the signing key ----

    /** The id of the key exports and checkpoints are signed with. */
    public String keyId() {
        return key.keyId();
    }

    public String publicKeyPem() {
        return key.publicKeyPem();
    }
}
