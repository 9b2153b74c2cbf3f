package com.acme.registry.auditformat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV transport of an export (docs/audit-trail.md, "CSV"). Format 1 (before issue 13) wrote every value as it
 * is; format 2 guards cells against formula injection ({@link FormulaGuard}) and says so in a last column,
 * {@code csvFormat}, which holds {@code 2} in every row.
 */
public final class AuditCsv {

    public static final int FORMAT = 2;
    public static final String FORMAT_COLUMN = "csvFormat";

    /** The columns of format 1, the first 23 of format 2. */
    public static final List<String> FIELD_COLUMNS = List.of("type", "sequence", "position", "recordedAt", "actor",
            "action", "model", "version", "environment", "reason", "correlationId", "details", "previousHash", "hash",
            "count", "firstSequence", "lastSequence", "finalHash", "filter", "exportedAt", "algorithm", "publicKeyId",
            "signature");
    public static final List<String> COLUMNS = columns();

    private AuditCsv() {
    }

    /** The header row, with its line end. */
    public static String header() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /**
     * One row (with its line end) of a record's or the digest's fields: every non-null value quoted and guarded, a
     * null an empty unquoted field.
     */
    public static String row(Map<String, ?> fields) {
        StringBuilder row = new StringBuilder();
        for (String column : FIELD_COLUMNS) {
            Object value = fields.get(column);
            if (value != null) {
                quoted(row, FormulaGuard.guard(value.toString()));
            }
            row.append(',');
        }
        quoted(row, String.valueOf(FORMAT));
        return row.append("\r\n").toString();
    }

    private static void quoted(StringBuilder row, String cell) {
        row.append('"').append(cell.replace("\"", "\"\"")).append('"');
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(FIELD_COLUMNS);
        columns.add(FORMAT_COLUMN);
        return List.copyOf(columns);
    }
}
