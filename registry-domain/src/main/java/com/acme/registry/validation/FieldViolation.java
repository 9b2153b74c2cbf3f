package com.acme.registry.validation;

/** One broken input rule: the field (as the API names it, e.g. {@code datasets[0].role}) and the rule. */
public record FieldViolation(String field, String message) {
}
