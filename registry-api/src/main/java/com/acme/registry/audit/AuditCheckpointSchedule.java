package com.acme.registry.audit;

import com.acme.registry.validation.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes the automatic checkpoints: every {@code registry.audit.checkpoint.poll} it looks whether
 * {@code every-records} records were appended since the last checkpoint, or {@code interval} passed and the chain
 * grew. Both 0 turn automatic checkpoints off (on demand remains). A chain that does not verify is logged as an error
 * once per distinct problem, and no checkpoint is taken until it is resolved.
 */
@Component
class AuditCheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditCheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;
    private final long everyRecords;
    private final Duration interval;
    private final Duration poll;
    private volatile ScheduledExecutorService timer;
    private String lastProblem;

    public AuditCheckpointSchedule(AuditCheckpoints checkpoints,
                                   @Value("${registry.audit.checkpoint.every-records:1000}") long everyRecords,
                                   @Value("${registry.audit.checkpoint.interval:PT1H}") Duration interval,
                                   @Value("${registry.audit.checkpoint.poll:PT30S}") Duration poll) {
        if (everyRecords < 0 || interval.isNegative() || poll.isZero() || poll.isNegative()) {
            throw new IllegalArgumentException("registry.audit.checkpoint: every-records and interval must not be"
                    + " negative (0 turns them off), poll must be positive");
        }
        this.checkpoints = checkpoints;
        this.everyRecords = everyRecords;
        this.interval = interval;
        this.poll = poll;
    }

    @Override
    public void start() {
        if (everyRecords == 0 && interval.isZero()) {
            log.info("Automatic audit checkpoints are off (registry.audit.checkpoint.every-records and interval 0)");
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::takeIfDue, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
    }

    void takeIfDue() {
        try {
            checkpoints.takeIfDue(everyRecords, interval);
            lastProblem = null;
        } catch (RuntimeException e) {
            String problem = e instanceof RuleViolationException ? e.getMessage() : e.toString();
            if (!Objects.equals(problem, lastProblem)) {
                if (e instanceof RuleViolationException) {
                    log.error("Automatic audit checkpoint failed: {}", problem);
                } else {
                    log.error("Automatic audit checkpoint failed", e);
                }
            }
            lastProblem = problem;
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = timer;
        timer = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
