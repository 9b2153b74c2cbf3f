package com.acme.registry.ui.audit;

import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportReader;
import com.acme.registry.auditformat.verify.JsonLinesReader;
import com.acme.registry.validation.InvalidInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** The two export formats, and how an uploaded file tells which one it is. */
enum ExportFormat {
    JSONL("JSON Lines"), CSV("CSV");

    private static final byte[] CSV_HEADER_START = "type,".getBytes(StandardCharsets.US_ASCII);

    final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    ExportReader reader(InputStream in) {
        return this == CSV ? new CsvReader(in) : new JsonLinesReader(in);
    }

    /** The format chosen in the form: "jsonl", "csv", or "auto"/empty for null (detect it). */
    static ExportFormat chosen(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("auto")) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "jsonl" -> JSONL;
            case "csv" -> CSV;
            default -> throw InvalidInputException.of("format", "must be auto, jsonl or csv");
        };
    }

    /**
     * The format of a file by its first bytes (a JSON object, or the CSV header), else by its name's extension;
     * null when neither tells. {@code in} must support mark/reset; it is left at its start.
     */
    static ExportFormat detect(InputStream in, String fileName) throws IOException {
        in.mark(CSV_HEADER_START.length);
        byte[] start = in.readNBytes(CSV_HEADER_START.length);
        in.reset();
        if (start.length > 0 && start[0] == '{') {
            return JSONL;
        }
        if (Arrays.equals(start, CSV_HEADER_START)) {
            return CSV;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        return null;
    }
}
