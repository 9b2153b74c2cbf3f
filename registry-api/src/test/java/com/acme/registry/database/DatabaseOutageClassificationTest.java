package com.acme.registry.database;

import com.acme.registry.web.DatabaseOutage;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageClassificationTest {

    @Test
    void connectionFailuresAreOutagesWhateverWrapsThem() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms");
        assertThat(DatabaseOutage.causedBy(hikari)).isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("no connection", hikari))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotCreateTransactionException("no tx", hikari))).isTrue();
        assertThat(DatabaseOutage.causedBy(new InternalAuthenticationServiceException("lookup failed",
                new CannotGetJdbcConnectionException("no connection", hikari)))).as("HTTP Basic's user lookup").isTrue();

        SQLException terminated = new SQLException("FATAL: terminating connection due to administrator command",
                "57P01");
        PSQLException io = new PSQLException("An I/O error occurred while sending to the backend",
                PSQLState.CONNECTION_FAILURE);
        assertThat(DatabaseOutage.causedBy(new UncategorizedSQLException("x", "SELECT 1", terminated))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CommandExecutionException("failed", new EventStoreException(
                "append failed", new UncategorizedSQLException("x", "INSERT", io))))).as("Axon's wrappers").isTrue();
        assertThat(DatabaseOutage.causedBy(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed")))).as("a commit whose connection broke").isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException(
                "FATAL: database \"registry\" is not currently accepting connections", "55000")))
                .as("a database that refuses connections").isTrue();
        assertThat(DatabaseOutage.causedBy(new JdbcException("Failed to create a SQL statement",
                new SQLException("Connection is closed")))).as("Hikari's closed proxy under Axon's aggregate load")
                .isTrue();
        IllegalStateException failed = new IllegalStateException("handler failed");
        failed.addSuppressed(new TransactionSystemException("rollback failed", terminated));
        assertThat(DatabaseOutage.causedBy(failed)).as("an outage suppressed by the failure it rolled back").isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.causedBy(new DuplicateKeyException("duplicate"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("too long",
                new PSQLException("value too long", PSQLState.STRING_DATA_RIGHT_TRUNCATION)))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("syntax", "42601"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new SQLException("cannot ALTER TABLE because it is being used", "55000")))
                .isFalse();
        assertThat(DatabaseOutage.causedBy(new BadCredentialsException("wrong password"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
    }
}
