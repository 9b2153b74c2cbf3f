package com.acme.registry.webhook;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Which registry instance sends webhooks: the one holding a PostgreSQL session advisory lock, on a connection it keeps
 * for that. Two instances on one database (a rolling deployment) would otherwise both send every delivery; the
 * standby takes over within a second or two of the holder stopping or losing its connection. Used by the dispatcher's
 * coordinator thread only.
 */
@Component
class DispatcherLease {

    private static final Logger log = LoggerFactory.getLogger(DispatcherLease.class);
    static final long LOCK = 0x7765_6268_6f6f_6bL; // "webhook"
    private static final long CHECK_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource dataSource;
    private Connection held;
    private long checkedAt;
    private boolean told;

    DispatcherLease(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this instance sends webhooks now: it holds the lock, or has just taken it. */
    boolean hold() {
        if (held != null) {
            if (System.nanoTime() - checkedAt < CHECK_EVERY_NANOS) {
                return true;
            }
            try {
                if (held.isValid(2)) {
                    checkedAt = System.nanoTime();
                    return true;
                }
            } catch (SQLException e) {
                // lost below
            }
            log.warn("Lost the connection that held the webhook dispatcher's lock: another instance may take over");
            discard();
        }
        return take();
    }

    private boolean take() {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement();
                 ResultSet taken = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK + ")")) {
                taken.next();
                if (taken.getBoolean(1)) {
                    held = connection;
                    checkedAt = System.nanoTime();
                    told = false;
                    log.info("This instance sends webhooks");
                    return true;
                }
            }
            connection.close();
            if (!told) {
                told = true;
                log.info("Another registry instance sends webhooks; this one stands by");
            }
            return false;
        } catch (SQLException e) {
            if (connection != null) {
                evict(connection);
            }
            return false;
        }
    }

    /** Gives the lock up, so that another instance takes over at once. */
    void release() {
        if (held == null) {
            return;
        }
        try (Statement statement = held.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            held.close();
        } catch (SQLException e) {
            discard();
        }
        held = null;
    }

    /** A pooled connection whose session may still hold the lock must not go back to the pool: it is closed for good. */
    private void discard() {
        if (held != null) {
            evict(held);
            held = null;
        }
    }

    private void evict(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // closed already
        }
    }
}
