package com.acme.registry.model;

import com.acme.registry.validation.Limits;
import com.acme.registry.validation.Violations;

import java.util.Map;

/** String-to-string maps (tags, params): bounded in entries, key and value length. */
final class Tags {

    private Tags() {
    }

    static void validate(Map<String, String> map, String field, Violations v) {
        if (map == null) {
            return;
        }
        v.maxSize(map, field, Limits.MAP_ENTRIES);
        v.keys(map, field);
        map.forEach((key, value) -> {
            if (value == null) {
                v.add(Violations.entry(field, key), "must not be null");
            } else {
                v.maxLength(value, Violations.entry(field, key), Limits.MAP_VALUE);
            }
        });
    }
}
