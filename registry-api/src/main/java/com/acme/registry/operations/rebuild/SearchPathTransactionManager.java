package com.acme.registry.operations.rebuild;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's transactions for the rebuild's processor: Spring transactions (the processor's token and a batch's rows
 * commit together) in which unqualified table names mean the rebuild's schema only. {@code SET LOCAL} lasts until
 * the transaction ends, so a pooled connection goes back to the pool with its usual search path.
 */
final class SearchPathTransactionManager implements TransactionManager {

    private final TransactionManager delegate;
    private final JdbcTemplate jdbc;
    private final String schema;

    SearchPathTransactionManager(TransactionManager delegate, JdbcTemplate jdbc, String schema) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.schema = schema;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = delegate.startTransaction();
        try {
            jdbc.execute("SET LOCAL search_path TO " + schema);
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return transaction;
    }
}
