package com.acme.registry.auditformat.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a JSON Lines export: one JSON object per line, values strings, integers (as Long), booleans or null
 * ({@link FlatJsonObject}).
 */
public final class JsonLinesReader implements ExportReader {

    private final PhysicalLines lines;

    public JsonLinesReader(InputStream in) {
        this.lines = new PhysicalLines(in);
    }

    @Override
    public ExportEntry next() throws IOException, VerificationFailure {
        String text = lines.next();
        if (text == null) {
            return null;
        }
        long n = lines.number();
        if (text.isBlank()) {
            throw VerificationFailure.at(n, "empty line (every line of a JSON Lines export is a JSON object)");
        }
        Map<String, Object> fields;
        try {
            fields = FlatJsonObject.read(text);
        } catch (FlatJsonObject.Refused refused) {
            throw VerificationFailure.at(n, !refused.syntax() ? refused.getMessage()
                    : "not valid JSON (" + refused.getMessage() + ")"
                            + (lines.terminated() ? "" : "; the line is cut off: the export is truncated"));
        }
        return new ExportEntry(n, fields, lines.terminated());
    }
}
