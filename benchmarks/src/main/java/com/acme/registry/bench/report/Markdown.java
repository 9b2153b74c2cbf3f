package com.acme.registry.bench.report;

import java.util.List;

/** A Markdown table with padded columns, readable as plain text too. */
final class Markdown {

    private Markdown() {
    }

    /** {@code cells.get(0)} is the header; {@code rightAligned[c]} aligns column c to the right. */
    static String table(List<String[]> cells, boolean[] rightAligned) {
        int columns = cells.get(0).length;
        int[] width = new int[columns];
        for (String[] row : cells) {
            if (row.length != columns) {
                throw new IllegalArgumentException("every row needs " + columns + " cells");
            }
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(Math.max(width[c], 3), row[c].codePointCount(0, row[c].length()));
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            line(out, cells.get(r), width, rightAligned);
            if (r == 0) {
                out.append('|');
                for (int c = 0; c < columns; c++) {
                    out.append(' ').append("-".repeat(width[c] - 1)).append(rightAligned[c] ? ":" : "-").append(" |");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, String[] row, int[] width, boolean[] rightAligned) {
        out.append('|');
        for (int c = 0; c < row.length; c++) {
            String pad = " ".repeat(width[c] - row[c].codePointCount(0, row[c].length()));
            out.append(' ').append(rightAligned[c] ? pad + row[c] : row[c] + pad).append(" |");
        }
        out.append('\n');
    }
}
