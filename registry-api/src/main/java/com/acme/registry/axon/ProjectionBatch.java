package com.acme.registry.axon;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The write statements of one projection's event handlers, collected while a tracking processor handles a batch of
 * events and executed as JDBC batches when that batch's unit of work prepares to commit: in the same transaction as
 * the processor's token (which Axon stores in the same phase), so a batch's rows and its token still commit together
 * or not at all, and a failing statement rolls the whole batch back for the processor to retry.
 * <p>
 * Statements run in <em>phases</em>, lowest first; within a phase in the order they were issued, consecutive
 * executions of the same SQL going to the database as one JDBC batch (one round trip instead of one per row). A handler
 * gives a statement a later phase only where running it after every earlier-phase statement of the batch gives the
 * same rows as running it in event order (e.g. all inserts of new rows before the updates of those rows); everything
 * else uses {@link #update(String, Object...)}, which keeps event order. {@link #updateOnce} keeps one statement per
 * key (a recomputation that only needs to run once per batch). {@link #insert} adds a row to a multi-row insert
 * ({@link Rows}: one statement for all consecutive rows of a phase, each column sent as one array). Anything a
 * handler reads must first see its own batch's writes: {@link #flush()} before a query.
 * <p>
 * Without a unit of work (a handler called directly, as unit tests do) every statement runs at once, in call order.
 * <p>
 * Every String value goes through {@link ReplacedText#text}: an event stored before input was checked may hold text
 * PostgreSQL refuses (NUL), and must still project. A statement that fails anyway fails the batch with a
 * {@link ProjectionWriteException} naming the positions of the events that queued it.
 */
public final class ProjectionBatch {

    private final JdbcTemplate jdbc;
    private final String resourceKey;

    /** @param name unique per projection: the unit of work's resource that holds this projection's statements */
    public ProjectionBatch(JdbcTemplate jdbc, String name) {
        this.jdbc = jdbc;
        this.resourceKey = ProjectionBatch.class.getName() + "/" + name;
    }

    /**
     * A multi-row insert: {@code sql} inserts from {@code unnest(?::type[], …)}, one array parameter per column, of
     * the given PostgreSQL element types ({@code int4}, {@code int8}, {@code float8}; anything else is sent as text, so
     * a {@code jsonb} or {@code timestamptz} column is cast from text in the SQL). Rows are inserted in the order they
     * were added, so {@code ON CONFLICT DO NOTHING} keeps the first of two equal keys, as one insert per row would.
     */
    public record Rows(String sql, List<String> types) {

        public static Rows of(String sql, String... types) {
            return new Rows(sql, List.of(types));
        }

        /** Inserts {@code rows} (each one value per column) with one statement per {@value #CHUNK} rows. */
        void execute(JdbcTemplate jdbc, List<Object[]> rows) {
            for (int from = 0; from < rows.size(); from += CHUNK) {
                List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + CHUNK));
                jdbc.update(connection -> statement(connection, chunk));
            }
        }

        private static final int CHUNK = 5000;

        private PreparedStatement statement(Connection connection, List<Object[]> chunk) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int column = 0; column < types.size(); column++) {
                String type = types.get(column);
                Object[] values = switch (type) {
                    case "int4" -> new Integer[chunk.size()];
                    case "int8" -> new Long[chunk.size()];
                    case "float8" -> new Double[chunk.size()];
                    default -> new String[chunk.size()];
                };
                for (int row = 0; row < chunk.size(); row++) {
                    values[row] = chunk.get(row)[column];
                }
                statement.setArray(column + 1, connection.createArrayOf(
                        switch (type) {
                            case "int4", "int8", "float8" -> type;
                            default -> "text";
                        }, values));
            }
            return statement;
        }
    }

    /** Adds a row (one value per column of {@code rows}) to a multi-row insert in {@code phase}. */
    public void insert(int phase, Rows rows, Object... row) {
        if (row.length != rows.types().size()) {
            throw new IllegalArgumentException(row.length + " values for " + rows.types().size() + " columns");
        }
        Object[] storable = ReplacedText.args(row);
        Pending pending = pending();
        if (pending == null) {
            rows.execute(jdbc, List.<Object[]>of(storable));
        } else {
            pending.add(phase, rows, storable, currentPosition());
        }
    }

    /** Queues a statement in event order (phase 0). */
    public void update(String sql, Object... args) {
        update(0, sql, args);
    }

    /** Queues a statement in {@code phase}. */
    public void update(int phase, String sql, Object... args) {
        updateOnce(phase, null, sql, args);
    }

    /** Queues a statement in {@code phase} unless one with the same {@code key} is queued already in this batch. */
    public void updateOnce(int phase, String key, String sql, Object... args) {
        Object[] storable = ReplacedText.args(args);
        Pending pending = pending();
        if (pending == null) {
            jdbc.update(sql, storable);
        } else {
            pending.add(phase, key, sql, storable, currentPosition());
        }
    }

    /** Executes every queued statement of the current batch now (before a query that must see them). */
    public void flush() {
        Pending pending = pending();
        if (pending != null) {
            pending.flush(jdbc);
        }
    }

    /** The event-store position of the event being handled, or -1 outside a tracking processor. */
    private static long currentPosition() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof TrackedEventMessage<?> tracked) {
            return tracked.trackingToken().position().orElse(-1L);
        }
        return -1;
    }

    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            Pending created = new Pending();
            unitOfWork.onPrepareCommit(u -> created.flush(jdbc));
            return created;
        });
    }

    /** The statements queued for one unit of work, by phase. */
    static final class Pending {

        /** One statement, or (with {@code rows}) one row of a multi-row insert. */
        private record Statement(String sql, Object[] args, Rows rows, long position) {
        }

        private final TreeMap<Integer, List<Statement>> phases = new TreeMap<>();
        private final Map<String, Boolean> keys = new LinkedHashMap<>();
        private int size;

        void add(int phase, String key, String sql, Object[] args, long position) {
            if (key != null && keys.putIfAbsent(key, Boolean.TRUE) != null) {
                return;
            }
            phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(new Statement(sql, args, null, position));
            size++;
        }

        void add(int phase, Rows rows, Object[] row, long position) {
            phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(new Statement(rows.sql(), row, rows, position));
            size++;
        }

        int size() {
            return size;
        }

        void flush(JdbcTemplate jdbc) {
            if (size == 0) {
                return;
            }
            for (List<Statement> statements : phases.values()) {
                int i = 0;
                while (i < statements.size()) {
                    String sql = statements.get(i).sql();
                    Rows rows = statements.get(i).rows();
                    int end = i + 1;
                    while (end < statements.size() && statements.get(end).rows() == rows
                            && statements.get(end).sql().equals(sql)) {
                        end++;
                    }
                    List<Object[]> args = new ArrayList<>(end - i);
                    for (int j = i; j < end; j++) {
                        args.add(statements.get(j).args());
                    }
                    try {
                        if (rows != null) {
                            rows.execute(jdbc, args);
                        } else if (args.size() == 1) {
                            jdbc.update(sql, args.get(0));
                        } else {
                            jdbc.batchUpdate(sql, args);
                        }
                    } catch (RuntimeException e) {
                        throw ProjectionWriteException.of(statements.subList(i, end).stream()
                                .mapToLong(Statement::position).summaryStatistics(), e);
                    }
                    i = end;
                }
            }
            phases.clear();
            keys.clear();
            size = 0;
        }
    }
}
