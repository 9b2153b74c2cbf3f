package com.acme.registry.audit;

import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Reads of the audit log: pages for people, and streams (constant memory) for exports and verification. */
@Repository
public class AuditQueries {

    private static final int FETCH_SIZE = 2000;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;

    public AuditQueries(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public Page<AuditRecord> page(AuditFilter filter, PageRequest page) {
        List<Object> args = AuditFilter.args();
        String where = filter.where(args);
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_record" + where, Long.class, args.toArray());
        args.add(page.size());
        args.add(page.offset());
        List<AuditRecord> items = jdbc.query("SELECT * FROM audit_record" + where
                + " ORDER BY sequence LIMIT ? OFFSET ?", AuditLog.RECORD, args.toArray());
        return Page.of(items, page, total == null ? 0 : total);
    }

    /**
     * Streams the matching records in sequence order through a server-side cursor, so memory stays constant
     * whatever their number. Runs in one read-only transaction without the statement timeout.
     */
    public void stream(AuditFilter filter, Consumer<AuditRecord> consumer) {
        List<Object> args = AuditFilter.args();
        String sql = "SELECT * FROM audit_record" + filter.where(args) + " ORDER BY sequence";
        readOnly.executeWithoutResult(status -> {
            streaming.execute("SET LOCAL statement_timeout = 0");
            streaming.query(sql, rs -> {
                consumer.accept(AuditLog.RECORD.mapRow(rs, 0));
            }, args.toArray());
        });
    }

    /**
     * As {@link #stream}, but the records are read from the database by a thread of their own, up to
     * {@value #AHEAD_CHUNKS} chunks of {@value #CHUNK} records ahead of {@code consumer} (which runs in the calling
     * thread, in sequence order): fetching and decoding the next rows overlaps with what the consumer does with the
     * previous ones, in constant memory. For the long reads: exports and the verification of the whole chain.
     */
    public void streamReadingAhead(AuditFilter filter, Consumer<AuditRecord> consumer) {
        ReadAhead ahead = new ReadAhead();
        Thread reader = new Thread(() -> ahead.produce(() -> stream(filter, ahead::put)), "audit-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            ahead.consume(consumer);
        } finally {
            ahead.stop();
            try {
                reader.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final int CHUNK = 256;
    private static final int AHEAD_CHUNKS = 8;

    /** The hand-over between the reading thread and the consumer: a bounded queue of chunks of records. */
    private static final class ReadAhead {

        private static final Object END = new Object();

        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD_CHUNKS);
        private volatile boolean stopped;
        private List<AuditRecord> chunk = new ArrayList<>(CHUNK);

        /** In the reading thread: runs the read, then hands over its end or its failure. */
        void produce(Runnable read) {
            try {
                read.run();
                if (!chunk.isEmpty()) {
                    handOver(chunk);
                }
                handOver(END);
            } catch (Throwable failure) {
                if (!stopped) {
                    try {
                        handOver(failure);
                    } catch (RuntimeException consumerGone) {
                        // nobody is waiting any more
                    }
                }
            }
        }

        void put(AuditRecord record) {
            chunk.add(record);
            if (chunk.size() == CHUNK) {
                handOver(chunk);
                chunk = new ArrayList<>(CHUNK);
            }
        }

        private void handOver(Object item) {
            try {
                while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        throw new CancellationException("the reader of the audit log stopped");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }

        /** In the calling thread: gives every record to {@code consumer}, or throws the reading thread's failure. */
        @SuppressWarnings("unchecked")
        void consume(Consumer<AuditRecord> consumer) {
            while (true) {
                Object item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while reading the audit log");
                }
                if (item == END) {
                    return;
                }
                if (item instanceof RuntimeException failure) {
                    throw failure;
                }
                if (item instanceof Error failure) {
                    throw failure;
                }
                if (item instanceof Throwable failure) {
                    throw new IllegalStateException(failure);
                }
                for (AuditRecord record : (List<AuditRecord>) item) {
                    consumer.accept(record);
                }
            }
        }

        /** The consumer is done (or failed): the reading thread gives up at its next hand-over. */
        void stop() {
            stopped = true;
            queue.clear();
        }
    }

    /**
     * The stored chain's check: {@code firstBrokenSequence} names the first record that does not match its chain or
     * an anchor (a checkpoint), {@code checkpointsChecked} how many anchors were reached and matched.
     */
    public record Verification(boolean valid, long records, Long lastSequence, String lastHash,
                               Long firstBrokenSequence, String problem, long checkpointsChecked) {
    }

    /**
     * A stored-chain hash that a record must have: a checkpoint's. {@code name} says which, in a problem
     * ("the checkpoint of sequence 1000 taken at …").
     */
    public record Anchor(long sequence, String hash, String name) {
    }

    /** Recomputes the whole stored chain and names the first record that does not match. */
    public Verification verify() {
        return verify(List.of());
    }

    /**
     * Recomputes the whole stored chain, and checks that the record at each anchor's sequence has the anchor's hash;
     * names the first record that does not match, or the anchor the log no longer reaches.
     */
    public Verification verify(List<Anchor> anchors) {
        List<Anchor> pending = new ArrayList<>(anchors);
        pending.sort(java.util.Comparator.comparingLong(Anchor::sequence));
        ChainCheck chain = ChainCheck.fromStart();
        long[] count = {0};
        long[] anchored = {0};
        Verification[] broken = {null};
        streamReadingAhead(new AuditFilter(null, null, null, null, null), record -> {
            if (broken[0] != null) {
                return;
            }
            count[0]++;
            Long lastSequence = chain.lastSequence();
            String lastHash = chain.lastHash();
            String problem = chain.problem(record);
            while (problem == null && !pending.isEmpty() && pending.get(0).sequence() <= record.sequence()) {
                Anchor anchor = pending.remove(0);
                if (anchor.sequence() == record.sequence() && !anchor.hash().equals(record.hash())) {
                    problem = "the record's stored-chain hash is " + record.hash() + ", but " + anchor.name()
                            + " says " + anchor.hash() + ": the log up to sequence " + anchor.sequence()
                            + " was rewritten after that checkpoint was taken";
                } else {
                    anchored[0]++;
                }
            }
            if (problem != null) {
                broken[0] = new Verification(false, count[0], lastSequence, lastHash, record.sequence(), problem,
                        anchored[0]);
            }
        });
        if (broken[0] != null) {
            return broken[0];
        }
        if (!pending.isEmpty()) {
            Anchor anchor = pending.get(0);
            Long last = chain.lastSequence();
            return new Verification(false, count[0], last, chain.lastHash(), last == null ? 1 : last + 1,
                    "the log ends at sequence " + (last == null ? 0 : last) + ", but " + anchor.name()
                            + " covers sequence " + anchor.sequence() + ": records were removed after it was taken",
                    anchored[0]);
        }
        return new Verification(true, count[0], chain.lastSequence(), chain.lastHash(), null, null, anchored[0]);
    }
}
