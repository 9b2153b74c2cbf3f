package com.acme.registry.model;

import com.acme.registry.validation.Limits;
import com.acme.registry.validation.Violations;

import java.util.regex.Pattern;

/** Input rules of what may be set beside the registered facts: tags, descriptions and free aliases. */
final class LabelRules {

    /** Tag keys under this prefix carry evidence at the doors that read them; they are never stored as tags. */
    static final String RESERVED_TAG_PREFIX = "registry.";

    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern VERSION_LIKE = Pattern.compile("[vV]\\d+");

    private LabelRules() {
    }

    static void validateTag(String key, String value) {
        Violations v = new Violations();
        validateKey(key, v);
        if (value == null) {
            v.add("value", "is required (an empty text is allowed)");
        } else {
            v.maxLength(value, "value", Limits.MAP_VALUE);
        }
        v.throwIfAny();
    }

    static void validateKey(String key) {
        Violations v = new Violations();
        validateKey(key, v);
        v.throwIfAny();
    }

    private static void validateKey(String key, Violations v) {
        v.required(key, "key", Limits.KEY);
        if (key != null && key.startsWith(RESERVED_TAG_PREFIX)) {
            v.add("key", "must not start with '" + RESERVED_TAG_PREFIX + "': those keys carry the registry's own facts");
        }
    }

    static void validateDescription(String description) {
        Violations v = new Violations();
        v.optionalText(description, "description", Limits.FREE_TEXT);
        v.throwIfAny();
    }

    static void validateAlias(String alias) {
        Violations v = new Violations();
        v.required(alias, "alias", 64);
        if (alias != null && !alias.isBlank() && v.storable(alias, "alias")) {
            if (!ALIAS.matcher(alias).matches()) {
                v.add("alias", "must be 1-64 characters of letters, digits, '_' and '-'");
            } else if (alias.equalsIgnoreCase("latest") || VERSION_LIKE.matcher(alias).matches()) {
                v.add("alias", "must not be 'latest' or look like a version ('v3'): those name versions already");
            }
        }
        v.throwIfAny();
    }
}
