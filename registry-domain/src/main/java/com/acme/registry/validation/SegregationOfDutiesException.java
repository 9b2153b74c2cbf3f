package com.acme.registry.validation;

/** The actor may not take this action on this item because of their own part in it (answered 403). */
public class SegregationOfDutiesException extends RuleViolationException {

    public SegregationOfDutiesException(String message) {
        super("segregation-of-duties", message);
    }
}
