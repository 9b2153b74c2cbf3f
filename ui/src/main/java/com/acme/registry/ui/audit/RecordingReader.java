package com.acme.registry.ui.audit;

import com.acme.registry.auditformat.verify.ExportEntry;
import com.acme.registry.auditformat.verify.ExportReader;
import com.acme.registry.auditformat.verify.VerificationFailure;
import java.io.IOException;

/**
 * Passes the entries of an export to the verifier unchanged, remembering the last two records and the last entry,
 * so that a failure can be shown with the record it is about and the last one that still verified.
 */
final class RecordingReader implements ExportReader {

    private final ExportReader reader;
    private ExportEntry last;
    private ExportEntry lastRecord;
    private ExportEntry recordBefore;
    private long records;

    RecordingReader(ExportReader reader) {
        this.reader = reader;
    }

    @Override
    public ExportEntry next() throws IOException, VerificationFailure {
        ExportEntry entry = reader.next();
        if (entry != null) {
            last = entry;
            if ("record".equals(entry.fields().get("type"))) {
                recordBefore = lastRecord;
                lastRecord = entry;
                records++;
            }
        }
        return entry;
    }

    /** The entry read last (the digest, once a whole export has been read). */
    ExportEntry last() {
        return last;
    }

    /** The entry on {@code line}, if it is the one read last; null when that line could not be read. */
    ExportEntry at(long line) {
        return last != null && last.line() == line ? last : null;
    }

    /** Records handed to the verifier, and so checked, before the failure at {@code line}. */
    long recordsBefore(long line) {
        return lastRecord != null && lastRecord.line() == line ? records - 1 : records;
    }

    /** The last record that verified before the failure at {@code line}. */
    ExportEntry lastGoodBefore(long line) {
        return lastRecord != null && lastRecord.line() == line ? recordBefore : lastRecord;
    }
}
