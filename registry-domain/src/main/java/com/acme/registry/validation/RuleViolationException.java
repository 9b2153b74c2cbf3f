package com.acme.registry.validation;

/**
 * A valid request that the current state does not allow (retired model, archived version, name taken).
 * The {@code rule} is a stable, machine-readable name; the message says what happened and what would work.
 */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
