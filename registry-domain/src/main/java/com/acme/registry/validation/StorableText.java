package com.acme.registry.validation;

/**
 * Text that every store of the registry can hold: PostgreSQL {@code text}, {@code varchar} and {@code jsonb}
 * columns refuse U+0000, and a Java string with an unpaired UTF-16 surrogate has no UTF-8 form at all. Control
 * characters (C0, DEL, C1) are refused too: they are never meaningful in a name or a reason, and they make
 * audit records and exports ambiguous to read. Tab, line feed and carriage return are allowed in multi-line
 * free text only (descriptions, reasons, comments, justifications).
 *
 * <p>Lengths count Unicode code points, as PostgreSQL's {@code varchar(n)} does; with the registry's limits
 * (at most 200 code points in any btree-indexed column, 4 bytes each in UTF-8) no value reaches PostgreSQL's
 * index row limit of about 2,700 bytes.
 */
public final class StorableText {

    private StorableText() {
    }

    /** Why {@code value} cannot be stored, or {@code null} when it can (a null value can). */
    public static String problem(String value, boolean multiLine) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate (" + codePoint(c) + " at position " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (" + codePoint(c) + " at position " + i + ")";
            }
            if (Character.isISOControl(c) && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters (" + codePoint(c) + " at position " + i + ")"
                        + (multiLine ? "; tab, line feed and carriage return are allowed" : "; it is single-line text");
            }
        }
        return null;
    }

    public static boolean isStorable(String value, boolean multiLine) {
        return problem(value, multiLine) == null;
    }

    /** The length as PostgreSQL counts it for {@code varchar(n)}: code points. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** {@code value} with every control character and unpaired surrogate written as {@code \\uXXXX}, for messages. */
    public static String printable(String value) {
        if (value == null || isStorable(value, false)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
