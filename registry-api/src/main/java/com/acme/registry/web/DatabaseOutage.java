package com.acme.registry.web;

import com.acme.registry.web.Problems;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Whether a failure means the database cannot be reached (or is shutting down, or refuses connections): the one
 * place that reads a cause chain for it, whatever wrapped it (Spring's DataAccessException, a transaction that could
 * not start, Hikari's "connection is not available" timeout, PgJDBC's connection SQLStates, Axon's
 * EventStoreException / CommandExecutionException / JdbcException around any of these). Such failures are answered
 * {@code 503} with {@code Retry-After}, never 500, never 401 for correct credentials (docs/reliability-faults.md).
 */
public final class DatabaseOutage {

    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** SQLStates (besides class 08, connection exceptions) of a server that is going away or full. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of(
            "57P01", // admin_shutdown (pg_terminate_backend, a fast shutdown)
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, or shutting down)
            "53300"  // too_many_connections
    );

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
                    || t instanceof TransientDataAccessException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof SQLTransientException
                    // a commit or rollback that failed in JDBC: the connection broke with the transaction open
                    || t instanceof TransactionSystemException) {
                return true;
            }
            if (t instanceof SQLException sql && (unavailableState(sql) || closedUnderUs(sql))) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) { // a rollback that failed after the real failure
                if (suppressed != t && causedBy(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean unavailableState(SQLException sql) {
        String state = sql.getSQLState();
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state) || refusesConnections(sql));
    }

    /**
     * Hikari closes the proxy of a connection the server terminated; a statement of the same transaction then fails
     * with a state-less "Connection is closed" (seen under {@code pg_terminate_backend} while Axon loaded an aggregate).
     */
    private static boolean closedUnderUs(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** {@code ALTER DATABASE … ALLOW_CONNECTIONS false}: 55000 is a broad state, so its message decides. */
    private static boolean refusesConnections(SQLException sql) {
        return "55000".equals(sql.getSQLState()) && sql.getMessage() != null
                && sql.getMessage().contains("not currently accepting connections");
    }

    /** The 503 problem; the caller adds {@code Retry-After: }{@value #RETRY_AFTER_SECONDS}. */
    public static ProblemDetail problem() {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable",
                "Database unavailable", "The registry cannot reach its database right now. Retry after "
                        + RETRY_AFTER_SECONDS + " s; a write retried with the same Idempotency-Key is applied at "
                        + "most once.");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return problem;
    }
}
