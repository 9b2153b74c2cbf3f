package com.acme.registry.axon;

/**
 * Makes text that is already an event storable in a read model. PostgreSQL refuses NUL (U+0000) in {@code text}
 * and the escape {@code \u0000} in {@code jsonb}; an unpaired UTF-16 surrogate cannot be encoded at all (the driver
 * would silently send '?'). New input with such characters is refused at the door, but events stored before that
 * must still project: each such character is stored as U+FFFD (the Unicode replacement character), in text and in
 * JSON, and the event itself keeps the original. Everything else is stored unchanged. (Refusing such text at the
 * door is {@link com.acme.registry.validation.StorableText}'s job; this class repairs what older stores hold.)
 */
public final class ReplacedText {

    public static final char REPLACEMENT = '\uFFFD';
    private static final String JSON_NUL = "\\u0000";

    private ReplacedText() {
    }

    /** {@code value} with every NUL and unpaired surrogate replaced by U+FFFD; the same instance if none. */
    public static String text(String value) {
        if (value == null || storable(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (c == 0 || Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * JSON text made storable as {@code jsonb}: like {@link #text}, and every {@code \u0000} escape (not an escaped
     * backslash followed by "u0000") written as {@code \uFFFD}.
     */
    public static String json(String value) {
        String text = text(value);
        if (text == null || !text.contains(JSON_NUL)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                if (text.startsWith(JSON_NUL, i)) {
                    out.append("\\uFFFD");
                    i += JSON_NUL.length();
                } else {
                    out.append(c).append(text.charAt(i + 1)); // any other escape, "\\\\" included, kept whole
                    i += 2;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Every argument that is a String made storable with {@link #text}; the same array if none changes. */
    static Object[] args(Object[] args) {
        Object[] out = args;
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String s) {
                String storable = text(s);
                if (storable != s) {
                    if (out == args) {
                        out = args.clone();
                    }
                    out[i] = storable;
                }
            }
        }
        return out;
    }

    private static boolean storable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
