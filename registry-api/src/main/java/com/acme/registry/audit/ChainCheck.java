package com.acme.registry.audit;

import com.acme.registry.auditformat.HashChain;

/**
 * Walks the stored chain record by record in sequence order: each record must follow the previous one without a
 * gap, link to its hash and hash to its own {@code hash}. Starts at the first record, or after a known record.
 */
final class ChainCheck {

    private long expectedSequence;
    private String previous;
    private long checked;

    private ChainCheck(long expectedSequence, String previous) {
        this.expectedSequence = expectedSequence;
        this.previous = previous;
    }

    static ChainCheck fromStart() {
        return new ChainCheck(1, HashChain.GENESIS);
    }

    /** Continues after the record at {@code sequence} whose stored hash is {@code hash}. */
    static ChainCheck after(long sequence, String hash) {
        return new ChainCheck(sequence + 1, hash);
    }

    /** Checks the next record: null if it belongs where it is, else what is wrong with it. */
    String problem(AuditRecord record) {
        if (record.sequence() != expectedSequence) {
            return "sequence " + expectedSequence + " is missing (next stored is " + record.sequence() + ")";
        }
        if (!record.previousHash().equals(previous)) {
            return "previous_hash does not link to the record before it";
        }
        var fields = record.fields();
        fields.put(HashChain.PREVIOUS_HASH, record.previousHash());
        if (!HashChain.hashOf(fields).equals(record.hash())) {
            return "hash does not match the record's content: the record was changed";
        }
        previous = record.hash();
        expectedSequence++;
        checked++;
        return null;
    }

    /** The hash of the last record that passed (64 zeros before the first). */
    String lastHash() {
        return previous;
    }

    /** The sequence of the last record that passed, null if none has. */
    Long lastSequence() {
        return expectedSequence == 1 ? null : expectedSequence - 1;
    }

    long checked() {
        return checked;
    }
}
