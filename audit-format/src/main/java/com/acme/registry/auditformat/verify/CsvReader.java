package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.AuditCsv;
import com.acme.registry.auditformat.FormulaGuard;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a CSV export (RFC 4180, docs/audit-trail.md) and rebuilds each row as the map of fields its JSON Lines line
 * would have. An unquoted empty field is null, a quoted {@code ""} the empty string; the integer columns become
 * Long. A row's line number is the line it starts on (a quoted value may span lines); the header is line 1. The
 * header tells the format: format 2 (column {@code csvFormat}) guards cells against formula injection, and each cell
 * loses its guarding apostrophe here ({@link FormulaGuard}); format 1 (older exports) holds the values as they are.
 * <p>
 * Hand-written on purpose: Apache Commons CSV 1.14.1 reads {@code "a" ,"b"}, {@code "a"<tab>,"b"} and
 * {@code a"b} without complaint and ends a row at a lone carriage return, so a file changed that way would still
 * verify; this reader refuses each, naming the line and column.
 */
public final class CsvReader implements ExportReader {

    /** The columns of the current format; format 1 has all but the last. */
    public static final List<String> COLUMNS = AuditCsv.COLUMNS;

    private static final Set<String> INTEGER_COLUMNS =
            Set.of("sequence", "position", "version", "count", "firstSequence", "lastSequence");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final int MAX_ROW_CHARS = PhysicalLines.MAX_LINE_BYTES;

    private static final String FORMAT = String.valueOf(AuditCsv.FORMAT);

    private final PhysicalLines lines;
    private List<String> columns;
    private boolean guarded;
    private long rowLine;
    private boolean rowComplete;

    public CsvReader(InputStream in) {
        this.lines = new PhysicalLines(in);
    }

    @Override
    public ExportEntry next() throws IOException, VerificationFailure {
        if (columns == null) {
            readHeader();
        }
        List<String> row = row();
        if (row == null) {
            return null;
        }
        if (row.size() != columns.size()) {
            throw VerificationFailure.at(rowLine, row.size() + " columns, the header has " + columns.size()
                    + (rowComplete ? "" : "; the line is cut off: the export is truncated"));
        }
        if (guarded && !FORMAT.equals(row.get(row.size() - 1))) {
            throw VerificationFailure.at(rowLine, "column " + AuditCsv.FORMAT_COLUMN + " must be " + FORMAT
                    + " in every row, as the header says" + (rowComplete ? ""
                    : "; the line is cut off: the export is truncated"));
        }
        String type = row.get(0);
        List<String> used;
        if ("record".equals(type)) {
            used = ExportVerifier.RECORD_FIELDS;
        } else if ("digest".equals(type)) {
            used = ExportVerifier.DIGEST_FIELDS;
        } else {
            throw VerificationFailure.at(rowLine, type == null ? "no type (neither a record nor the digest)"
                    : "unknown type \"" + type + "\" (neither a record nor the digest)");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < AuditCsv.FIELD_COLUMNS.size(); i++) {
            String column = AuditCsv.FIELD_COLUMNS.get(i);
            String value = row.get(i);
            if (used.contains(column)) {
                value = guarded ? unguard(column, value) : value;
                fields.put(column, INTEGER_COLUMNS.contains(column) ? integer(column, value) : value);
            } else if (value != null) {
                throw VerificationFailure.at(rowLine, "column " + column + " is set in a " + type
                        + " row (it belongs to the " + ("record".equals(type) ? "digest" : "records") + ")");
            }
        }
        return new ExportEntry(rowLine, fields, rowComplete);
    }

    private void readHeader() throws IOException, VerificationFailure {
        List<String> header = row();
        if (header == null) {
            throw new VerificationFailure(0, "the file is empty: no header line, no digest line: "
                    + "the export is truncated");
        }
        if (header.equals(AuditCsv.COLUMNS)) {
            columns = AuditCsv.COLUMNS;
            guarded = true;
        } else if (header.equals(AuditCsv.FIELD_COLUMNS)) {
            columns = AuditCsv.FIELD_COLUMNS;
        } else {
            throw VerificationFailure.at(rowLine, "not the header of a CSV audit export (expected "
                    + String.join(",", AuditCsv.COLUMNS) + ", or without " + AuditCsv.FORMAT_COLUMN
                    + " for format 1)");
        }
    }

    private String unguard(String column, String cell) throws VerificationFailure {
        if (cell == null) {
            return null;
        }
        try {
            return FormulaGuard.unguard(cell);
        } catch (IllegalArgumentException e) {
            throw VerificationFailure.at(rowLine, "column " + column + ": the cell " + e.getMessage());
        }
    }

    private Long integer(String column, String value) throws VerificationFailure {
        if (value == null) {
            return null;
        }
        if (INTEGER.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw VerificationFailure.at(rowLine, "column " + column + ": " + value
                        + " is out of the 64-bit integer range");
            }
        }
        throw VerificationFailure.at(rowLine, "column " + column + ": \"" + value + "\" is not an integer");
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    /** The next row's fields (null for an unquoted empty field), or null at the end of the file. */
    private List<String> row() throws IOException, VerificationFailure {
        String text = lines.next();
        if (text == null) {
            return null;
        }
        rowLine = lines.number();
        if (text.isEmpty() || text.equals("\r")) {
            throw VerificationFailure.at(rowLine, "empty line");
        }
        List<String> fields = new ArrayList<>(COLUMNS.size());
        StringBuilder field = new StringBuilder();
        State state = State.FIELD_START;
        long chars = 0;
        while (true) {
            chars += text.length();
            if (chars > MAX_ROW_CHARS) {
                throw VerificationFailure.at(rowLine, "a row longer than " + MAX_ROW_CHARS + " characters");
            }
            boolean rowEnded = false;
            for (int i = 0; i < text.length() && !rowEnded; i++) {
                char c = text.charAt(i);
                switch (state) {
                    case FIELD_START -> {
                        if (c == '"') {
                            state = State.QUOTED;
                        } else if (c == ',') {
                            fields.add(null);
                        } else if (c == '\r') {
                            rowEnded = endOfRow(text, i);
                            fields.add(null);
                        } else {
                            field.append(c);
                            state = State.UNQUOTED;
                        }
                    }
                    case UNQUOTED -> {
                        if (c == ',' || c == '\r') {
                            rowEnded = c == '\r' && endOfRow(text, i);
                            fields.add(field.toString());
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else if (c == '"') {
                            throw malformed("a quote inside an unquoted value (column " + column(fields) + ")");
                        } else {
                            field.append(c);
                        }
                    }
                    case QUOTED -> {
                        if (c == '"') {
                            state = State.QUOTE_IN_QUOTED;
                        } else {
                            field.append(c);
                        }
                    }
                    case QUOTE_IN_QUOTED -> {
                        if (c == '"') {
                            field.append('"');
                            state = State.QUOTED;
                        } else if (c == ',' || c == '\r') {
                            rowEnded = c == '\r' && endOfRow(text, i);
                            fields.add(field.toString());
                            field.setLength(0);
                            state = State.FIELD_START;
                        } else {
                            throw malformed("'" + c + "' after the closing quote of a value (column "
                                    + column(fields) + ")");
                        }
                    }
                }
            }
            if (rowEnded) {
                rowComplete = lines.terminated();
                return fields;
            }
            switch (state) {
                case FIELD_START -> fields.add(null);
                case UNQUOTED -> fields.add(field.toString());
                case QUOTE_IN_QUOTED -> fields.add(field.toString());
                case QUOTED -> {
                    // a line end inside a quoted value belongs to the value
                    if (!lines.terminated()) {
                        throw VerificationFailure.at(rowLine, "the file ends inside a quoted value (column "
                                + column(fields) + "): the export is truncated");
                    }
                    field.append('\n');
                    text = nextLineOfRow();
                    if (text == null) {
                        throw VerificationFailure.at(rowLine, "the file ends inside a quoted value (column "
                                + column(fields) + "): the export is truncated");
                    }
                    continue;
                }
            }
            rowComplete = lines.terminated();
            return fields;
        }
    }

    private String nextLineOfRow() throws IOException, VerificationFailure {
        try {
            return lines.next();
        } catch (VerificationFailure e) {
            throw new VerificationFailure(rowLine, "line " + rowLine + ": " + e.getMessage().replaceFirst(
                    "^line \\d+: ", "") + " (on line " + e.line() + ", inside a quoted value)");
        }
    }

    /** A {@code \r} outside quotes ends the row: it must be the last character of the line. */
    private boolean endOfRow(String text, int i) throws VerificationFailure {
        if (i == text.length() - 1) {
            return true;
        }
        throw malformed("a carriage return that is not part of a line end");
    }

    private VerificationFailure malformed(String what) {
        return VerificationFailure.at(rowLine, "malformed CSV: " + what
                + (lines.number() != rowLine ? " on line " + lines.number() : ""));
    }

    private static String column(List<String> fieldsSoFar) {
        int index = fieldsSoFar.size();
        return index < COLUMNS.size() ? COLUMNS.get(index) : String.valueOf(index + 1);
    }
}
