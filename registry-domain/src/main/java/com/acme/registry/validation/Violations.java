package com.acme.registry.validation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects every broken rule of one input, so that a caller learns all of them at once. */
public final class Violations {

    private static final Pattern SHA256_DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    private static final java.util.Set<String> NEEDS_HOST = java.util.Set.of("http", "https", "s3", "gs", "ftp");

    private final List<FieldViolation> found = new ArrayList<>();

    public Violations add(String field, String message) {
        found.add(new FieldViolation(field, message));
        return this;
    }

    public boolean check(boolean ok, String field, String message) {
        if (!ok) {
            add(field, message);
        }
        return ok;
    }

    /** Required single-line text (names, keys, dataset fields): storable, no control characters at all. */
    public void required(String value, String field, int maxLength) {
        required(value, field, maxLength, false);
    }

    /** Required multi-line free text (reasons, comments, justifications): tab and line breaks allowed. */
    public void requiredText(String value, String field, int maxLength) {
        required(value, field, maxLength, true);
    }

    /** Optional single-line text. */
    public void maxLength(String value, String field, int maxLength) {
        text(value, field, maxLength, false);
    }

    /** Optional multi-line free text (descriptions). */
    public void optionalText(String value, String field, int maxLength) {
        text(value, field, maxLength, true);
    }

    /** Storable single-line text of any length, e.g. a value checked against a pattern afterwards. */
    public boolean storable(String value, String field) {
        String problem = StorableText.problem(value, false);
        return check(problem == null, field, problem);
    }

    private void required(String value, String field, int maxLength, boolean multiLine) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        } else {
            text(value, field, maxLength, multiLine);
        }
    }

    private void text(String value, String field, int maxLength, boolean multiLine) {
        if (value == null) {
            return;
        }
        String problem = StorableText.problem(value, multiLine);
        if (problem != null) {
            add(field, problem);
        } else if (StorableText.length(value) > maxLength) {
            add(field, "must be at most " + maxLength + " characters (has " + StorableText.length(value) + ")");
        }
    }

    public void maxSize(Collection<?> values, String field, int maxSize) {
        if (values != null && values.size() > maxSize) {
            add(field, "must have at most " + maxSize + " entries (has " + values.size() + ")");
        }
    }

    public void maxSize(Map<?, ?> values, String field, int maxSize) {
        if (values != null && values.size() > maxSize) {
            add(field, "must have at most " + maxSize + " entries (has " + values.size() + ")");
        }
    }

    public void digest(String value, String field) {
        if (value != null && storable(value, field) && !SHA256_DIGEST.matcher(value).matches()) {
            add(field, "must be 'sha256:' followed by 64 lowercase hex characters");
        }
    }

    /** An absolute URI with a scheme, e.g. {@code s3://bucket/key} or {@code https://host/path}. */
    public void uri(String value, String field) {
        if (value == null || value.isBlank() || hasViolation(field) || !storable(value, field)) {
            return;
        }
        if (StorableText.length(value) > Limits.URI) {
            add(field, "must be at most " + Limits.URI + " characters");
            return;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null) {
                add(field, "must be an absolute URI with a scheme, e.g. s3://bucket/key or https://host/path");
            } else if (NEEDS_HOST.contains(uri.getScheme().toLowerCase()) && uri.getHost() == null
                    && uri.getAuthority() == null) {
                add(field, "must name a host or bucket: " + uri.getScheme() + "://<host>/<path>");
            }
        } catch (URISyntaxException e) {
            add(field, "is not a valid URI: " + e.getReason() + " at index " + e.getIndex());
        }
    }

    /** Map keys: present, short, storable single-line text; a bad key is named in the message, escaped. */
    public void keys(Map<String, ?> map, String field) {
        if (map == null) {
            return;
        }
        for (String key : map.keySet()) {
            if (key == null || key.isBlank()) {
                add(field, "keys must not be blank");
            } else if (!StorableText.isStorable(key, false)) {
                add(field, "key '" + StorableText.printable(key) + "' " + StorableText.problem(key, false));
            } else if (StorableText.length(key) > Limits.KEY) {
                add(field + "." + key, "key must be at most " + Limits.KEY + " characters");
            }
        }
    }

    /** The field name of a map entry, with an unstorable key escaped so that the answer can carry it. */
    public static String entry(String field, String key) {
        return field + "." + StorableText.printable(key);
    }

    private boolean hasViolation(String field) {
        return found.stream().anyMatch(v -> v.field().equals(field));
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInputException(found);
        }
    }
}
