package com.acme.registry.validation;

import java.util.Map;

/**
 * A valid request that the current state does not allow (retired model, archived version, name taken).
 * The {@code rule} is a stable, machine-readable name; the message says what happened and what would work;
 * {@code details} are machine-readable facts of the refusal (e.g. the environments a model serves in).
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;
    private final Map<String, Object> details;

    public RuleViolationException(String rule, String message) {
        this(rule, message, Map.of());
    }

    public RuleViolationException(String rule, String message, Map<String, Object> details) {
        super(message);
        this.rule = rule;
        this.details = Map.copyOf(details);
    }

    public String rule() {
        return rule;
    }

    public Map<String, Object> details() {
        return details;
    }
}
