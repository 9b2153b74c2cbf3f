package com.acme.registry.audit;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.Violations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stored chain checked against checkpoints: the registry's own (which a database superuser could also rewrite)
 * and one supplied from outside (an operator's copy, which is what counts).
 */
@Component
class AuditCheckpointVerification {

    private final AuditQueries queries;
    private final AuditCheckpoints checkpoints;
    private final AuditSigningKey key;

    public AuditCheckpointVerification(AuditQueries queries, AuditCheckpoints checkpoints, AuditSigningKey key) {
        this.queries = queries;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    /**
     * The whole stored chain, and each stored checkpoint: well formed, signed by the registry's key (those of another
     * key are matched but their signatures not checked here), naming the one before it, and matched by its record.
     */
    public AuditQueries.Verification verifyStored() {
        List<AuditQueries.Anchor> anchors = new ArrayList<>();
        String previousDigest = null;
        Map<String, Object> bad = null;
        String badProblem = null;
        for (Map<String, Object> checkpoint : checkpoints.all()) {
            String problem = storedProblem(checkpoint, previousDigest);
            if (problem != null) {
                bad = checkpoint;
                badProblem = problem;
                break;
            }
            previousDigest = AuditCheckpoint.digest(checkpoint);
            anchors.add(anchor(checkpoint, "the stored "));
        }
        AuditQueries.Verification chain = queries.verify(anchors);
        if (bad == null || !chain.valid()) {
            return chain;
        }
        return new AuditQueries.Verification(false, chain.records(), chain.lastSequence(), chain.lastHash(),
                (Long) bad.get("sequence"), "the stored " + AuditCheckpoint.describe(bad) + " " + badProblem,
                chain.checkpointsChecked());
    }

    private String storedProblem(Map<String, Object> checkpoint, String previousDigest) {
        Map<String, String> problems = AuditCheckpoint.problems(checkpoint);
        if (!problems.isEmpty()) {
            return "is malformed: " + problems;
        }
        if (key.keyId().equals(checkpoint.get("publicKeyId")) && !AuditCheckpoint.signatureVerifies(checkpoint,
                key.publicKey())) {
            return "has a signature that does not verify with the registry's key: the checkpoint was changed";
        }
        if (!Objects.equals(checkpoint.get("previousCheckpoint"), previousDigest)) {
            return "does not name the checkpoint stored before it as previousCheckpoint: a stored checkpoint was"
                    + " removed or changed";
        }
        return null;
    }

    /**
     * The whole stored chain, and that the record at the supplied checkpoint's sequence has its hash. The checkpoint
     * must be well formed and signed by the registry's current key (400 naming the field otherwise).
     */
    public AuditQueries.Verification verifyAgainst(Map<String, ?> supplied) {
        Map<String, Object> checkpoint = AuditCheckpoint.normalised(supplied);
        Violations violations = new Violations();
        AuditCheckpoint.problems(checkpoint).forEach(violations::add);
        violations.throwIfAny();
        if (!key.keyId().equals(checkpoint.get("publicKeyId"))) {
            throw InvalidInputException.of("publicKeyId", "is not the id of the registry's signing key ("
                    + key.keyId() + "): verify this checkpoint offline with the public key that signed it");
        }
        if (!AuditCheckpoint.signatureVerifies(checkpoint, key.publicKey())) {
            throw InvalidInputException.of("signature", "does not verify with the registry's public key (key id "
                    + key.keyId() + "): the checkpoint was changed after it was signed");
        }
        return queries.verify(List.of(anchor(checkpoint, "the supplied ")));
    }

    private static AuditQueries.Anchor anchor(Map<String, Object> checkpoint, String whose) {
        return new AuditQueries.Anchor((Long) checkpoint.get("sequence"), (String) checkpoint.get("hash"),
                whose + AuditCheckpoint.describe(checkpoint));
    }
}
