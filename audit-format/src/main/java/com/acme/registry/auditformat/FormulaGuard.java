package com.acme.registry.auditformat;

/**
 * The CSV export's defence against formula injection (docs/audit-trail.md, "CSV", format 2): a value that a
 * spreadsheet would run as a formula is written behind an apostrophe, and so is a value that already begins with
 * one, so that a reader recovers every value exactly by removing one leading apostrophe. Hashes and signatures
 * cover the values, never the guarded cells.
 */
public final class FormulaGuard {

    public static final char GUARD = '\'';

    private FormulaGuard() {
    }

    /**
     * Whether a cell beginning with {@code c} may start a formula: {@code = + - @}, tab and carriage return (OWASP),
     * and their full-width forms {@code ＝ ＋ － ＠}, which some spreadsheets read as the ASCII ones.
     */
    public static boolean startsFormula(char c) {
        return switch (c) {
            case '=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20' -> true;
            default -> false;
        };
    }

    /** The cell for a value: the value, behind an apostrophe if it begins with a formula character or an apostrophe. */
    public static String guard(String value) {
        return needsGuard(value) ? GUARD + value : value;
    }

    /**
     * The value a cell holds: the cell without its guarding apostrophe.
     *
     * @throws IllegalArgumentException when {@link #guard} never writes this cell: it begins with a formula
     *                                  character without the apostrophe, or with an apostrophe that guards nothing
     */
    public static String unguard(String cell) {
        if (cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        if (first == GUARD) {
            String value = cell.substring(1);
            if (!needsGuard(value)) {
                throw new IllegalArgumentException("begins with an apostrophe that guards nothing (one is written "
                        + "only before = + - @, a tab, a carriage return, their full-width forms or an apostrophe)");
            }
            return value;
        }
        if (startsFormula(first)) {
            throw new IllegalArgumentException("begins with " + name(first)
                    + " without the apostrophe that guards it against formula injection");
        }
        return cell;
    }

    private static boolean needsGuard(String value) {
        return !value.isEmpty() && (startsFormula(value.charAt(0)) || value.charAt(0) == GUARD);
    }

    private static String name(char c) {
        return switch (c) {
            case '\t' -> "a tab";
            case '\r' -> "a carriage return";
            default -> c > 0x7f ? "'" + c + "' (U+" + String.format("%04X", (int) c) + ")" : "'" + c + "'";
        };
    }
}
