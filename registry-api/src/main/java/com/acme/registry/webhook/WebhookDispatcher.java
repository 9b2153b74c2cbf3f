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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends queued deliveries. Each (subscription, model) is a queue that at most one sender thread works on at a time,
 * sending its oldest undelivered delivery, read fresh from the database, and the next only once that one was delivered
 * or given up, so a receiver gets each model's events in order. A queue is handed to a sender when the feed commits
 * deliveries to it, and by a coordinator thread that finds every queue whose head is due (retries, a restart, a
 * resumption) at least once a second. A failed attempt (no answer, a time-out,
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
    private final WebhookMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    /** A (subscription, model) queue: its deliveries go out one at a time, in position order. */
    record Queue(UUID subscriptionId, String model) {
    }

    /** Queues a sender is working on: at most one sender per queue. */
    private final Set<Queue> inFlight = ConcurrentHashMap.newKeySet();
    /** Queues that got deliveries since their sender last read them: started again when that sender is done. */
    private final Set<Queue> dirty = ConcurrentHashMap.newKeySet();
    /** Queues whose last delivery could not be recorded: not sent again before this (nanoTime). */
    private final Map<Queue, Long> pausedUntil = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    /** Whether this instance holds the {@link DispatcherLease}, as the coordinator last found. */
    private volatile boolean leading;
    private ExecutorService senders;
    private Thread coordinator;

    WebhookDispatcher(DeliveryLog deliveries, Subscriptions subscriptions, WebhookSender sender, WebhookSecrets secrets,
                      WebhookProperties properties, SecurityAudit audit, TransactionTemplate transaction,
                      DispatcherLease lease, WebhookMetrics metrics) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.secrets = secrets;
        this.properties = properties;
        this.audit = audit;
        this.transaction = transaction;
        this.lease = lease;
        this.metrics = metrics;
    }

    /** Something may be due that the coordinator's pass must find: a subscription was resumed, a redelivery asked. */
    void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Deliveries were committed to these queues: each is started at once, unless a sender is on it already. */
    void queued(Collection<Queue> queues) {
        if (!leading) {
            return; // a standby instance: the one that sends finds them in its next pass
        }
        for (Queue queue : queues) {
            dirty.add(queue);
            start(queue);
        }
    }

    private void coordinate() {
        while (running) {
            long sleep = IDLE_POLL_MILLIS;
            try {
                leading = lease.hold();
                sleep = leading ? dispatchDue() : IDLE_POLL_MILLIS;
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

    /**
     * Starts every queue whose head is due (retries come due here; new deliveries are started by {@link #queued} as
     * they commit); the milliseconds until the next head is due, at most a second.
     */
    private long dispatchDue() {
        Instant now = clock.instant();
        Instant next = now.plusMillis(IDLE_POLL_MILLIS);
        for (DeliveryLog.Head head : deliveries.heads()) {
            if (head.nextAttemptAt().isAfter(now)) {
                next = head.nextAttemptAt().isBefore(next) ? head.nextAttemptAt() : next;
            } else {
                start(new Queue(head.subscriptionId(), head.model()));
            }
        }
        return Duration.between(now, next).toMillis();
    }

    /** Hands a queue to a sender, unless one is on it, or it is paused after a failure to record. */
    private void start(Queue queue) {
        Long paused = pausedUntil.get(queue);
        if (!running || paused != null && paused - System.nanoTime() > 0 || !inFlight.add(queue)) {
            return;
        }
        try {
            senders.execute(() -> run(queue));
        } catch (RejectedExecutionException stopping) {
            inFlight.remove(queue);
        }
    }

    private void run(Queue queue) {
        try {
            send(queue);
        } catch (RuntimeException e) {
            // the database is down or refused the record: the delivery stays pending and is sent again, after a
            // pause, not at once
            log.warn("Webhook deliveries to {} could not be read or recorded (they will be sent again): {}", queue,
                    e.toString());
            pausedUntil.put(queue, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS));
        } finally {
            inFlight.remove(queue);
        }
        if (dirty.contains(queue)) {
            start(queue); // deliveries came while this sender was finishing
        }
    }

    /**
     * Sends a queue's deliveries in order, each read fresh from the database, while they go through and are due, up
     * to {@link #RUN_LENGTH} or {@link #RUN_MILLIS}; then the queue goes to the back of the senders' line.
     */
    private void send(Queue queue) {
        Optional<Subscriptions.Target> target = Optional.empty();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        for (int sent = 0; running; sent++) {
            if (sent >= RUN_LENGTH || System.nanoTime() - until > 0) {
                dirty.add(queue); // more may be due: started again behind the other queues
                return;
            }
            dirty.remove(queue);
            Optional<DeliveryLog.Due> due = deliveries.next(queue.subscriptionId(), queue.model());
            if (due.isEmpty() || due.get().head().nextAttemptAt().isAfter(clock.instant())) {
                return; // nothing pending, or a retry not yet due: the coordinator starts it then
            }
            if (target.isEmpty()) {
                target = subscriptions.target(queue.subscriptionId());
                if (target.isEmpty()) {
                    return; // deleted meanwhile: never sent
                }
            }
            if (!attempt(due.get().head(), target.get(), due.get().body())) {
                return;
            }
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
            metrics.delivered(Duration.between(head.createdAt(), clock.instant()));
            return true;
        }
        Instant retryAt = clock.instant().plus(backoff(attempt));
        if (!retryAt.isAfter(head.retryUntil())) {
            deliveries.recordAttempt(head.id(), attempt, started, result, DeliveryLog.PENDING, retryAt);
            metrics.retried();
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
        metrics.givenUp();
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
