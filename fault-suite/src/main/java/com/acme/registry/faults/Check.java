package com.acme.registry.faults;

/** One invariant checked once: held or not, with what was seen (short, actionable). */
public record Check(String invariant, boolean held, String detail) {

    public static Check held(String invariant, String detail) {
        return new Check(invariant, true, detail);
    }

    public static Check broken(String invariant, String detail) {
        return new Check(invariant, false, detail);
    }

    public static Check of(String invariant, boolean held, String detail) {
        return new Check(invariant, held, detail);
    }
}
