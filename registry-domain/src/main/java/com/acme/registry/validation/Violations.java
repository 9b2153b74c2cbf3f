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

    public void required(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        } else {
            maxLength(value, field, maxLength);
        }
    }

    public void maxLength(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            add(field, "must be at most " + maxLength + " characters (has " + value.length() + ")");
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
        if (value != null && !SHA256_DIGEST.matcher(value).matches()) {
            add(field, "must be 'sha256:' followed by 64 lowercase hex characters");
        }
    }

    /** An absolute URI with a scheme, e.g. {@code s3://bucket/key} or {@code https://host/path}. */
    public void uri(String value, String field) {
        if (value == null || value.isBlank() || hasViolation(field)) {
            return;
        }
        if (value.length() > Limits.URI) {
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

    /** Map keys: present, short, no control characters. */
    public void keys(Map<String, ?> map, String field) {
        if (map == null) {
            return;
        }
        for (String key : map.keySet()) {
            if (key == null || key.isBlank()) {
                add(field, "keys must not be blank");
            } else if (key.length() > Limits.KEY) {
                add(field + "." + key, "key must be at most " + Limits.KEY + " characters");
            }
        }
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
