package com.acme.registry.audit;

import com.acme.registry.auditformat.AuditCheckpoint;
import com.acme.registry.auditformat.CanonicalJson;
import com.acme.registry.web.Page;
import com.acme.registry.web.PageRequest;
import com.acme.registry.validation.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed checkpoints of the stored audit chain's head (docs/security-checkpoints.md): taken every N records, at an
 * interval if the chain grew, and on demand; kept in {@code audit_checkpoint} and written to a file each. A checkpoint
 * is only taken over a chain that still verifies from the previous checkpoint, so a rewrite is never anchored.
 */
@Component
class AuditCheckpoints {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);
    private static final long CHECKPOINT_LOCK = 0x434B5054L; // "CKPT": one checkpoint at a time, in any instance
    private static final int FETCH_SIZE = 2000;

    /** A checkpoint of the head; {@code created} false when the head had one already. */
    public record Taken(Map<String, Object> checkpoint, boolean created) {
    }

    private record Head(long sequence, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transaction;
    private final AuditSigningKey key;
    private final AuditCheckpointFiles files;
    private final SecurityAudit audit;
    private final JsonMapper json;

    public AuditCheckpoints(JdbcTemplate jdbc, DataSource dataSource, PlatformTransactionManager transactions,
                            AuditSigningKey key, AuditCheckpointFiles files, SecurityAudit audit, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.transaction = new TransactionTemplate(transactions);
        this.key = key;
        this.files = files;
        this.audit = audit;
        this.json = json;
    }

    /**
     * A person asks for a checkpoint of the head: taken unless the head has one already, and recorded as their act
     * ({@code AuditCheckpointTaken}) in the same transaction, so the act's own record follows the checkpointed head
     * and is covered by the next checkpoint.
     */
    public Taken takeOnDemand(String actor) {
        return transaction.execute(status -> {
            Taken taken = take((head, last) -> "demand");
            if (taken == null) {
                throw new RuleViolationException("audit-log-empty",
                        "The audit log has no records yet: there is no head to checkpoint.");
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("sequence", taken.checkpoint().get("sequence"));
            details.put("hash", taken.checkpoint().get("hash"));
            details.put("created", taken.created());
            audit.act(actor, "AuditCheckpointTaken", details);
            return taken;
        });
    }

    /**
     * The automatic checkpoint: taken when {@code everyRecords} (if above 0) records were appended since the last
     * checkpoint, or when {@code interval} (if not zero) has passed since it and the chain grew. Not an act of a
     * person, so not an audit record (which would make the chain grow on its own, one record per interval).
     */
    public Optional<Taken> takeIfDue(long everyRecords, Duration interval) {
        Instant now = Instant.now();
        return Optional.ofNullable(transaction.execute(status -> take((head, last) -> {
            long since = head.sequence() - (last == null ? 0 : (Long) last.get("sequence"));
            if (everyRecords > 0 && since >= everyRecords) {
                return "records";
            }
            if (!interval.isZero() && (last == null
                    || !Instant.parse((String) last.get("takenAt")).plus(interval).isAfter(now))) {
                return "interval";
            }
            return null;
        }))).filter(Taken::created);
    }

    @FunctionalInterface
    private interface Due {
        /** The trigger if a checkpoint of {@code head} is due, else null. */
        String trigger(Head head, Map<String, Object> last);
    }

    private Taken take(Due due) {
        jdbc.execute("SELECT pg_advisory_xact_lock(" + CHECKPOINT_LOCK + ")");
        jdbc.execute("SET LOCAL statement_timeout = 0"); // the first checkpoint verifies the whole log
        List<Head> heads = jdbc.query("SELECT sequence, hash FROM audit_record ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> new Head(rs.getLong("sequence"), rs.getString("hash")));
        if (heads.isEmpty()) {
            return null;
        }
        Head head = heads.get(0);
        Map<String, Object> last = latest().orElse(null);
        if (last != null && (Long) last.get("sequence") >= head.sequence()) {
            long sequence = (Long) last.get("sequence");
            if (sequence > head.sequence()) {
                throw chainBroken(head.sequence() + 1, "the log ends at sequence " + head.sequence() + ", before the "
                        + "last checkpoint (" + AuditCheckpoint.describe(last) + "): records were removed");
            }
            if (!head.hash().equals(last.get("hash"))) {
                throw chainBroken(sequence, "the record does not have the hash of the last checkpoint ("
                        + AuditCheckpoint.describe(last) + "): the log was rewritten after it was taken");
            }
            return new Taken(last, false);
        }
        String trigger = due.trigger(head, last);
        if (trigger == null) {
            return null;
        }
        long count = verifyUpTo(head, last);
        String previous = last == null ? null : AuditCheckpoint.digest(last);
        Map<String, Object> checkpoint = fileOfAnAbortedTake(head, previous).orElseGet(() -> AuditCheckpoint.sign(
                head.sequence(), head.hash(), count, AuditTime.format(AuditTime.truncate(Instant.now())), trigger,
                previous, key.privateKey(), key.keyId()));
        jdbc.update("INSERT INTO audit_checkpoint (sequence, taken_at, document) VALUES (?, ?, ?)",
                head.sequence(), Timestamp.from(Instant.parse((String) checkpoint.get("takenAt"))),
                CanonicalJson.text(checkpoint));
        files.write(checkpoint);
        log.info("Audit checkpoint of sequence {} (hash {}), trigger {}, written to {}", head.sequence(), head.hash(),
                checkpoint.get("trigger"), files.file(head.sequence()));
        return new Taken(checkpoint, true);
    }

    /**
     * The file is written before the transaction commits; if the commit then failed, the file is there without its
     * row. It is used again when it says the same about the same head (and follows the same checkpoint); any other
     * file for this sequence is refused when written.
     */
    private Optional<Map<String, Object>> fileOfAnAbortedTake(Head head, String previous) {
        return files.existing(head.sequence()).map(text -> {
            try {
                return parse(text);
            } catch (RuntimeException unreadable) {
                return Map.<String, Object>of();
            }
        }).filter(found -> AuditCheckpoint.problems(found).isEmpty() && head.hash().equals(found.get("hash"))
                && Objects.equals(previous, found.get("previousCheckpoint"))
                && AuditCheckpoint.signatureVerifies(found, key.publicKey()));
    }

    /**
     * Checks the stored chain from the last checkpoint (which the record at its sequence must still match) to
     * {@code head}, or from the first record; returns the number of records up to the head.
     */
    private long verifyUpTo(Head head, Map<String, Object> last) {
        ChainCheck chain;
        if (last == null) {
            chain = ChainCheck.fromStart();
        } else {
            long sequence = (Long) last.get("sequence");
            List<String> stored = jdbc.queryForList("SELECT hash FROM audit_record WHERE sequence = ?", String.class,
                    sequence);
            if (stored.isEmpty() || !stored.get(0).equals(last.get("hash"))) {
                throw chainBroken(sequence, "the record does not have the hash of the last checkpoint ("
                        + AuditCheckpoint.describe(last) + "): the log was rewritten after it was taken");
            }
            chain = ChainCheck.after(sequence, (String) last.get("hash"));
        }
        List<RuleViolationException> broken = new ArrayList<>(1);
        streaming.query("SELECT * FROM audit_record WHERE sequence >= ? AND sequence <= ? ORDER BY sequence", rs -> {
            if (broken.isEmpty()) {
                AuditRecord record = AuditLog.RECORD.mapRow(rs, 0);
                String problem = chain.problem(record);
                if (problem != null) {
                    broken.add(chainBroken(record.sequence(), problem));
                }
            }
        }, chain.lastSequence() == null ? 1 : chain.lastSequence() + 1, head.sequence());
        if (!broken.isEmpty()) {
            throw broken.get(0);
        }
        if (!Long.valueOf(head.sequence()).equals(chain.lastSequence())) {
            throw chainBroken(head.sequence(), "the chain does not reach the head");
        }
        return head.sequence();
    }

    private static RuleViolationException chainBroken(long sequence, String problem) {
        return new RuleViolationException("audit-chain-broken", "No checkpoint taken: the stored audit chain does not"
                + " verify at sequence " + sequence + ": " + problem + ".", Map.of("firstBrokenSequence", sequence));
    }

    public Optional<Map<String, Object>> latest() {
        return jdbc.query("SELECT document FROM audit_checkpoint ORDER BY sequence DESC LIMIT 1",
                (rs, n) -> parse(rs.getString(1))).stream().findFirst();
    }

    public Optional<Map<String, Object>> at(long sequence) {
        return jdbc.query("SELECT document FROM audit_checkpoint WHERE sequence = ?",
                (rs, n) -> parse(rs.getString(1)), sequence).stream().findFirst();
    }

    /** Newest first. */
    public Page<Map<String, Object>> page(PageRequest page) {
        Long total = jdbc.queryForObject("SELECT count(*) FROM audit_checkpoint", Long.class);
        List<Map<String, Object>> items = jdbc.query(
                "SELECT document FROM audit_checkpoint ORDER BY sequence DESC LIMIT ? OFFSET ?",
                (rs, n) -> parse(rs.getString(1)), page.size(), page.offset());
        return Page.of(items, page, total == null ? 0 : total);
    }

    /** Every stored checkpoint, oldest first. */
    List<Map<String, Object>> all() {
        return jdbc.query("SELECT document FROM audit_checkpoint ORDER BY sequence",
                (rs, n) -> parse(rs.getString(1)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String document) {
        return AuditCheckpoint.normalised(json.readValue(document, LinkedHashMap.class));
    }
}
