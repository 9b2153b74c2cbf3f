package com.acme.registry.mlflow;

import java.util.List;

/** A boolean SQL expression with {@code ?} placeholders, and the values that fill them in order. */
record SqlCondition(String sql, List<Object> args) {

    SqlCondition {
        args = List.copyOf(args);
    }
}
