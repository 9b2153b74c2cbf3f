package com.acme.registry.web;

import com.acme.registry.validation.Violations;

/** Page number (from 0) and size (1 to 100), checked. */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 100;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        Violations v = new Violations();
        v.check(p >= 0 && p <= 1_000_000, "page", "must be between 0 and 1000000");
        v.check(s >= 1 && s <= MAX_SIZE, "size", "must be between 1 and " + MAX_SIZE);
        v.throwIfAny();
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
