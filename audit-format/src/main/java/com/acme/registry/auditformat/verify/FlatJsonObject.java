package com.acme.registry.auditformat.verify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fast reader for the lines a registry writes: one JSON object whose values are strings, integers, booleans or
 * null, without whitespace (the canonical form is such a line). It reads exactly what Jackson reads for such a line
 * (a {@link LinkedHashMap} in the line's order; integers as Long; escapes decoded) and gives up, returning null, at
 * anything else — whitespace, a nested value, a number that is not a small integer, a duplicate key, an unescaped
 * control character, invalid JSON — so that the line is read again by Jackson, whose result or error message then
 * stands. It never decides that a line is invalid.
 * <p>
 * It also tells whether the line is in canonical form (docs/audit-trail.md: sorted keys, the minimal escapes); if so,
 * the canonical form of its fields without {@code hash} — what a record's hash is computed over — is the line with its
 * {@code hash} member cut out, and is returned as such, sparing the verifier to build it again.
 */
final class FlatJsonObject {

    /**
     * @param fields     the line's fields
     * @param hashedForm the canonical form of the fields without {@code hash} if the line is canonical, else null
     */
    record Read(Map<String, Object> fields, String hashedForm) {
    }

    private static final int MAX_INTEGER_DIGITS = 18; // always within a long

    private final String text;
    private int at;
    private boolean canonical = true;

    private FlatJsonObject(String text) {
        this.text = text;
    }

    /** The line's fields, or null if this reader leaves the line to Jackson. */
    static Map<String, Object> read(String line) {
        Read read = readLine(line);
        return read == null ? null : read.fields();
    }

    /** The line's fields and, if it is canonical, its hashed form; null if this reader leaves the line to Jackson. */
    static Read readLine(String line) {
        FlatJsonObject reader = new FlatJsonObject(line);
        Map<String, Object> fields = reader.object();
        if (fields == null) {
            return null;
        }
        return new Read(fields, reader.canonical ? reader.withoutHash() : null);
    }

    private int hashFrom = -1; // the hash member's first character (its key's quote) and the one after its value
    private int hashTo = -1;

    private String withoutHash() {
        if (hashFrom < 0) {
            return text;
        }
        if (text.charAt(hashFrom - 1) == ',') {
            return text.substring(0, hashFrom - 1) + text.substring(hashTo);
        }
        if (text.charAt(hashTo) == ',') {
            return text.substring(0, hashFrom) + text.substring(hashTo + 1);
        }
        return text.substring(0, hashFrom) + text.substring(hashTo);
    }

    private Map<String, Object> object() {
        int length = text.length();
        if (length < 2 || text.charAt(0) != '{') {
            return null;
        }
        at = 1;
        Map<String, Object> fields = new LinkedHashMap<>();
        if (text.charAt(at) == '}') {
            return at + 1 == length ? fields : null;
        }
        String previousKey = null;
        while (true) {
            if (at >= length || text.charAt(at) != '"') {
                return null;
            }
            int memberFrom = at;
            String key = string();
            if (key == null || at >= length || text.charAt(at) != ':') {
                return null;
            }
            at++;
            if (at >= length) {
                return null;
            }
            Object value;
            char c = text.charAt(at);
            if (c == '"') {
                value = string();
                if (value == null) {
                    return null;
                }
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                value = integer();
                if (value == null) {
                    return null;
                }
            } else if (text.startsWith("true", at)) {
                value = Boolean.TRUE;
                at += 4;
            } else if (text.startsWith("false", at)) {
                value = Boolean.FALSE;
                at += 5;
            } else if (text.startsWith("null", at)) {
                value = null;
                at += 4;
            } else {
                return null;
            }
            if (fields.containsKey(key)) {
                return null; // Jackson names the duplicate
            }
            fields.put(key, value);
            if (previousKey != null && key.compareTo(previousKey) < 0) {
                canonical = false;
            }
            previousKey = key;
            if (key.equals("hash")) {
                hashFrom = memberFrom;
                hashTo = at;
            }
            if (at >= length) {
                return null;
            }
            c = text.charAt(at++);
            if (c == '}') {
                return at == length ? fields : null;
            }
            if (c != ',') {
                return null;
            }
        }
    }

    /** The string starting at the quote at {@code at}, decoded; {@code at} then follows its closing quote. */
    private String string() {
        int length = text.length();
        int start = ++at;
        while (at < length) {
            char c = text.charAt(at);
            if (c == '"') {
                return text.substring(start, at++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                return null;
            }
            at++;
        }
        return null;
    }

    private String escapedString(int start) {
        int length = text.length();
        StringBuilder out = new StringBuilder(Math.max(16, length - start)).append(text, start, at);
        while (at < length) {
            int run = at;
            char c = 0;
            while (at < length && (c = text.charAt(at)) != '"' && c != '\\' && c >= 0x20) {
                at++;
            }
            out.append(text, run, at);
            if (at >= length || c < 0x20) {
                return null;
            }
            at++;
            if (c == '"') {
                return out.toString();
            }
            if (at >= length) {
                return null;
            }
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\' -> out.append(e);
                case '/' -> {
                    out.append(e);
                    canonical = false; // the canonical form writes '/' as it is
                }
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > length) {
                        return null;
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at + i), 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    // canonical only for a control character without a short escape, written backslash, u, 00 and
                    // two lowercase hex digits
                    if (code >= 0x20 || code == '\b' || code == '\t' || code == '\n' || code == '\f' || code == '\r'
                            || !text.startsWith(String.format("%04x", code), at)) {
                        canonical = false;
                    }
                    at += 4;
                    out.append((char) code);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    /** A JSON integer without fraction or exponent and of at most 18 digits, as Long; null for anything else. */
    private Long integer() {
        int length = text.length();
        int start = at;
        boolean negative = text.charAt(at) == '-';
        if (negative) {
            at++;
        }
        int digitsFrom = at;
        while (at < length && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        int digits = at - digitsFrom;
        if (digits == 0 || digits > MAX_INTEGER_DIGITS
                || (text.charAt(digitsFrom) == '0' && (digits > 1 || negative))) {
            return null; // none, too long for certain, a leading zero, or -0: Jackson decides
        }
        if (at < length && (text.charAt(at) == '.' || text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            return null;
        }
        return Long.parseLong(text, start, at, 10);
    }
}
