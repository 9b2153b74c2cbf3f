package com.acme.registry.audit;

import com.acme.registry.auditformat.HashChain;
import com.acme.registry.catalog.Page;
import com.acme.registry.catalog.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
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

    public record Verification(boolean valid, long records, Long lastSequence, String lastHash,
                               Long firstBrokenSequence, String problem) {
    }

    /** Recomputes the whole stored chain and names the first record that does not match. */
    public Verification verify() {
        long[] count = {0};
        long[] expectedSequence = {1};
        String[] previous = {HashChain.GENESIS};
        Long[] lastSequence = {null};
        Verification[] broken = {null};
        stream(new AuditFilter(null, null, null, null, null), record -> {
            if (broken[0] != null) {
                return;
            }
            count[0]++;
            String problem = null;
            if (record.sequence() != expectedSequence[0]) {
                problem = "sequence " + expectedSequence[0] + " is missing (next stored is " + record.sequence() + ")";
            } else if (!record.previousHash().equals(previous[0])) {
                problem = "previous_hash does not link to the record before it";
            } else {
                var fields = record.fields();
                fields.put(HashChain.PREVIOUS_HASH, record.previousHash());
                if (!HashChain.hashOf(fields).equals(record.hash())) {
                    problem = "hash does not match the record's content: the record was changed";
                }
            }
            if (problem != null) {
                broken[0] = new Verification(false, count[0], lastSequence[0], previous[0], record.sequence(), problem);
                return;
            }
            previous[0] = record.hash();
            lastSequence[0] = record.sequence();
            expectedSequence[0]++;
        });
        return broken[0] != null ? broken[0]
                : new Verification(true, count[0], lastSequence[0], previous[0], null, null);
    }
}
