package com.acme.registry.faults.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;
import java.util.function.IntFunction;

/**
 * A write endpoint of /api/v1 as the fuzzer drives it.
 *
 * @param template  e.g. {@code /api/v1/models/{model}/versions/{version}/archival}; the variables come from the
 *                  {@link Fixture}
 * @param principal who sends it: {@code writer} (ML_ENGINEER), {@code reviewer} (RISK_REVIEWER), {@code admin}
 * @param body      a valid body for the n-th case (fresh names where a name must be new), or null when it takes none
 * @param required  top-level fields without which the body is invalid
 * @param free      fields whose strings may hold anything (a password): no control-character rule applies
 */
public record Endpoint(String method, String template, String principal, IntFunction<ObjectNode> body,
                       Set<String> required, Set<String> free, boolean idempotencyKey) {

    public boolean takesBody() {
        return body != null;
    }

    public String label() {
        return method + " " + template;
    }
}
