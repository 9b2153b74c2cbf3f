package com.acme.registry.auditformat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The first implementation of the canonical form, kept as the oracle that the faster one is tested against.
 * The canonical form of docs/audit-trail.md: RFC 8785 (JCS) for objects whose values are strings, integers,
 * booleans or null — sorted keys, no whitespace, minimal string escaping, UTF-8.
 */
final class ReferenceCanonicalJson {

    private ReferenceCanonicalJson() {
    }

    public static byte[] bytes(Map<String, ?> object) {
        return text(object).getBytes(StandardCharsets.UTF_8);
    }

    public static String text(Map<String, ?> object) {
        List<String> keys = new ArrayList<>(object.keySet());
        keys.sort(String::compareTo); // UTF-16 code unit order, as JCS requires
        StringBuilder out = new StringBuilder("{");
        for (String key : keys) {
            if (out.length() > 1) {
                out.append(',');
            }
            string(key, out);
            out.append(':');
            value(object.get(key), out);
        }
        return out.append('}').toString();
    }

    private static void value(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else {
            throw new IllegalArgumentException("canonical form has no " + value.getClass().getSimpleName()
                    + " values: only strings, integers, booleans and null");
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
