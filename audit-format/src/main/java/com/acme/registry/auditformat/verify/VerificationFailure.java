package com.acme.registry.auditformat.verify;

/** The export does not verify; the message says where ("line 5 (sequence 42): hash does not match its content"). */
public final class VerificationFailure extends Exception {

    private final long line;

    /** A failure at {@code line} (1-based); the message is prefixed with "line N". */
    public static VerificationFailure at(long line, String what) {
        return new VerificationFailure(line, "line " + line + ": " + what);
    }

    /** A failure at {@code line}, the message given in full. */
    public VerificationFailure(long line, String message) {
        super(message);
        this.line = line;
    }

    /** The line the failure is at, 0 when it is about the file as a whole. */
    public long line() {
        return line;
    }
}
