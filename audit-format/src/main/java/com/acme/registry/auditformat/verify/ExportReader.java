package com.acme.registry.auditformat.verify;

import java.io.IOException;

/** Reads an export one entry at a time (streaming: only the current line is held). */
public interface ExportReader {

    /** The next entry, or null at the end of the file. */
    ExportEntry next() throws IOException, VerificationFailure;
}
