package com.acme.registry.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;

/**
 * Tells Axon that an append hit the unique (aggregate, sequence) key, so it raises a ConcurrencyException
 * (answered 409) instead of a generic storage error. PostgreSQL reports it as SQLSTATE 23505.
 */
class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
