package com.acme.registry.webhook;

import com.acme.registry.audit.SecurityAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends queued deliveries. One coordinator thread picks, for every (subscription, model), its oldest undelivered
 * delivery once it is due, and hands it to a sender thread; a model's next delivery waits until the one before it
 * was delivered or given up, so a receiver gets each model's events in order. A failed attempt (no answer, a time-out,
 * any status but 2xx) is retried after an exponential backoff with jitter until the retry period ends; then the
 * delivery is {@code failed} and its subscription {@code failing}: its deliveries are held, in order, until an admin
 * resumes it.
 * <p>
 * At least once: a delivery is marked delivered after its 2xx answer, so a delivery in flight when the registry
 * stops or crashes is sent again after the restart. Receivers deduplicate by the event id. Deliveries are queued in
 * the database; of the registry instances on one database, the one holding the {@link DispatcherLease} sends them.
 */
@Component
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final long IDLE_POLL_MILLIS = 1000;
    /** A sender goes on with its queue for at most this many deliveries, or this long, then hands it back. */
    static final int RUN_LENGTH = 100;
    static final long RUN_MILLIS = 500;
    static final String FAILING = "WebhookSubscriptionFailing";

    private final DeliveryLog deliveries;
    private final Subscriptions subscriptions;
    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final WebhookProperties properties;
    private final SecurityAudit audit;
    private final TransactionTemplate transaction;
    private final DispatcherLease lease;
    private final Clock clock = Clock.systemUTC();
    /** (subscription, model) queues with a delivery being sent. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** When each queue's last send finished (nanoTime): a head read before that may be stale. */
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
    /** Queues whose last delivery could not be recorded: not sent again before this (nanoTime). */
    private final Map<String, Long> pausedUntil = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private ExecutorService senders;
    private Thread coordinator;

    WebhookDispatcher(DeliveryLog deliveries, Subscriptions subscriptions, WebhookSender sender, WebhookSecrets secrets,
                      WebhookProperties properties, SecurityAudit audit, TransactionTemplate transaction,
                      DispatcherLease lease) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
        this.audit = audit;
        this.transaction = transaction;
        this.lease = lease;
    }

    /** Something may be due: new deliveries were queued, a send finished, a subscription was resumed. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void coordinate() {
        while (running) {
            long sleep = IDLE_POLL_MILLIS;
            try {
                sleep = lease.hold() ? dispatchDue() : IDLE_POLL_MILLIS;
            } catch (RuntimeException e) {
                log.warn("Webhook deliveries could not be read: {}", e.toString());
            }
            synchronized (signal) {
                if (!woken && running) {
                    try {
                        signal.wait(Math.max(1, sleep));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    /** Starts every due head that is not in flight; the milliseconds until the next one is due (at most a second). */
    private long dispatchDue() {
        long readAt = System.nanoTime();
        Instant now = clock.instant();
        Instant next = now.plusMillis(IDLE_POLL_MILLIS);
        for (DeliveryLog.Head head : deliveries.heads()) {
            String queue = head.subscriptionId() + "/" + head.model();
            if (inFlight.contains(queue)) {
                continue; // being sent: the next pass reads it again
            }
            // read only after the in-flight check: a send that finishes in between has stored its finishing time
            // before it left the in-flight set, so a head read while it was in flight is recognised as stale
            Long finished = finishedAt.get(queue);
            if (finished != null && finished - readAt > 0) {
                continue; // sent since this read: the next pass reads it again
            }
            Long paused = pausedUntil.get(queue);
            if (paused != null && paused - readAt > 0) {
                continue;
            }
            if (head.nextAttemptAt().isAfter(now)) {
                next = head.nextAttemptAt().isBefore(next) ? head.nextAttemptAt() : next;
                continue;
            }
            if (inFlight.size() >= properties.senders() * 2) {
                break;
            }
            inFlight.add(queue);
            try {
                senders.execute(() -> {
                    try {
                        run(head);
                    } catch (RuntimeException e) {
                        // the database is down or refused the record: the delivery stays pending and is sent again,
                        // after a pause, not at once
                        log.warn("Webhook delivery {} could not be recorded (it will be sent again): {}", head.id(),
                                e.toString());
                        pausedUntil.put(queue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS));
                    } finally {
                        finishedAt.put(queue, System.nanoTime());
                        inFlight.remove(queue);
                        wake();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                inFlight.remove(queue);
                return IDLE_POLL_MILLIS;
            }
        }
        return Duration.between(now, next).toMillis();
    }

    /**
     * Sends a queue's head and, while they go through, the queue's next due deliveries, up to {@link #RUN_LENGTH} or
     * {@link #RUN_MILLIS}: a busy queue is not handed back to the coordinator's pass over every queue after each one.
     */
    private void run(DeliveryLog.Head first) {
        Optional<Subscriptions.Target> target = subscriptions.target(first.subscriptionId());
        Optional<String> body = deliveries.body(first.position());
        if (target.isEmpty() || body.isEmpty()) {
            return; // deleted meanwhile: never sent
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        DeliveryLog.Due due = new DeliveryLog.Due(first, body.get());
        for (int sent = 1; attempt(due.head(), target.get(), due.body()); sent++) {
            if (sent >= RUN_LENGTH || System.nanoTime() - until > 0 || !running || first.model() == null) {
                return;
            }
            Optional<DeliveryLog.Due> next = deliveries.next(first.subscriptionId(), first.model());
            if (next.isEmpty() || next.get().head().nextAttemptAt().isAfter(clock.instant())) {
                return;
            }
            due = next.get();
        }
    }

    /** One attempt of one delivery, recorded; whether it was delivered. */
    private boolean attempt(DeliveryLog.Head head, Subscriptions.Target target, String body) {
        int attempt = head.attempts() + 1;
        Instant started = clock.instant();
        WebhookSender.Outcome outcome;
        try {
            String secret = secrets.decrypt(head.subscriptionId(), target.secretCiphertext(), target.secretKeyId());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            long timestamp = started.getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put(WebhookSignature.DELIVERY, head.id().toString());
            headers.put(WebhookSignature.EVENT_ID, Long.toString(head.position()));
            headers.put(WebhookSignature.EVENT_TYPE, head.eventType());
            headers.put(WebhookSignature.TIMESTAMP, Long.toString(timestamp));
            headers.put(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, timestamp, bytes));
            outcome = sender.send(URI.create(target.url()), headers, bytes);
        } catch (IllegalStateException undecryptable) {
            outcome = new WebhookSender.Outcome(null, 0, undecryptable.getMessage(), null);
        }
        WebhookSender.Outcome result = boundedError(outcome);
        if (result.delivered()) {
            deliveries.recordAttempt(head.id(), attempt, started, result, DeliveryLog.DELIVERED, started);
            return true;
        }
        Instant retryAt = clock.instant().plus(backoff(attempt));
        if (!retryAt.isAfter(head.retryUntil())) {
            deliveries.recordAttempt(head.id(), attempt, started, result, DeliveryLog.PENDING, retryAt);
            return false;
        }
        transaction.executeWithoutResult(status -> {
            deliveries.recordAttempt(head.id(), attempt, started, result, DeliveryLog.FAILED, retryAt);
            if (subscriptions.markFailing(head.subscriptionId(), clock.instant())) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("subscriptionId", head.subscriptionId().toString());
                details.put("deliveryId", head.id().toString());
                details.put("eventId", head.position());
                details.put("attempts", attempt);
                details.put("lastError", bounded(result.error()));
                audit.act(null, FAILING, details);
            }
        });
        log.warn("Webhook subscription {} is failing: delivery {} of event {} gave up after {} attempts ({})",
                head.subscriptionId(), head.id(), head.position(), attempt, result.error());
        return false;
    }

    /** The wait before the next attempt: doubling from the initial backoff up to the maximum, then half to all of it. */
    Duration backoff(int failedAttempts) {
        long initial = properties.initialBackoff().toMillis();
        long max = properties.maxBackoff().toMillis();
        long wait = failedAttempts >= 31 ? max : Math.min(max, initial << (failedAttempts - 1));
        long jittered = wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static WebhookSender.Outcome boundedError(WebhookSender.Outcome outcome) {
        return new WebhookSender.Outcome(outcome.status(), outcome.latencyMillis(), bounded(outcome.error()),
                outcome.excerpt() == null ? null : storable(outcome.excerpt()));
    }

    static final int MAX_ERROR = 300;

    private static String bounded(String error) {
        return error == null ? null : storable(error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) + "…" : error);
    }

    /** Text PostgreSQL stores: no NUL; other control characters but tab and line breaks shown as U+FFFD. */
    static String storable(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().forEach(c -> kept.appendCodePoint(
                c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c) && c != 0xFFFE && c != 0xFFFF
                        ? c : 0xFFFD));
        return kept.toString();
    }

    @Override
    public void start() {
        AtomicInteger threads = new AtomicInteger();
        senders = Executors.newFixedThreadPool(properties.senders(), r -> {
            Thread thread = new Thread(r, "webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        running = true;
        coordinator = new Thread(this::coordinate, "webhook-dispatcher");
        coordinator.setDaemon(true);
        coordinator.start();
    }

    @Override
    public void stop() {
        running = false;
        wake();
        senders.shutdown();
        try {
            coordinator.join(2000);
            senders.awaitTermination(properties.connectTimeout().plus(properties.readTimeout()).toMillis() + 1000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!coordinator.isAlive()) {
            lease.release(); // the coordinator's own: it no longer runs
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
