package com.acme.registry.auditformat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The canonical form of docs/audit-trail.md: RFC 8785 (JCS) for objects whose values are strings, integers,
 * booleans or null — sorted keys, no whitespace, minimal string escaping, UTF-8.
 */
public final class CanonicalJson {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {
    }

    public static byte[] bytes(Map<String, ?> object) {
        return text(object).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(Map<String, ?> object) {
        return text(object, null);
    }

    /** The canonical text of {@code object} without its member {@code skipped} (if any). */
    static String text(Map<String, ?> object, String skipped) {
        StringBuilder out = new StringBuilder(256);
        write(object, sortedKeys(object), skipped, out);
        return out.toString();
    }

    /** The keys of {@code object} in canonical order: UTF-16 code unit order, as JCS requires. */
    static String[] sortedKeys(Map<String, ?> object) {
        String[] keys = object.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }

    /** Writes the members of {@code object} named by {@code keys} (sorted), but {@code skipped}, to {@code out}. */
    static void write(Map<String, ?> object, String[] keys, String skipped, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (String key : keys) {
            if (key.equals(skipped)) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            member(key, object.get(key), out);
        }
        out.append('}');
    }

    static void member(String key, Object value, StringBuilder out) {
        string(key, out);
        out.append(':');
        value(value, out);
    }

    private static void value(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else {
            throw new IllegalArgumentException("canonical form has no " + value.getClass().getSimpleName()
                    + " values: only strings, integers, booleans and null");
        }
    }

    /** A string in double quotes; the runs of characters that need no escape are appended at once. */
    static void string(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        int run = 0;
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, run, length).append('"');
    }
}
