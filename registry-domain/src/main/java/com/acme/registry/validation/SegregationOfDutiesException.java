package com.acme.registry.validation;

import java.util.Map;

/**
 * The actor may not take this action on this item because of their own part in it (answered 403). It names what was
 * refused (model, version, environment, and e.g. the request number in {@link #details()}), so that the refusal can be
 * audited against it.
 */
public class SegregationOfDutiesException extends RuleViolationException {

    private final String model;
    private final Integer version;
    private final String environment;

    public SegregationOfDutiesException(String message) {
        this(message, null, null, null, Map.of());
    }

    public SegregationOfDutiesException(String message, String model, Integer version, String environment,
                                        Map<String, Object> details) {
        super("segregation-of-duties", message, details);
        this.model = model;
        this.version = version;
        this.environment = environment;
    }

    public String model() {
        return model;
    }

    public Integer version() {
        return version;
    }

    public String environment() {
        return environment;
    }
}
