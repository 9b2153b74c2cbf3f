package com.acme.registry.operations.rebuild;

import com.acme.registry.audit.AuditEntry;
import com.acme.registry.audit.AuditLog;
import com.acme.registry.axon.AxonProcessingConfiguration;
import com.acme.registry.axon.AxonStorageConfiguration;
import com.acme.registry.axon.EventStoreHead;
import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.rollout.ServingStateCache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rebuilds the read models of the {@code read-models} processing group beside the live ones, which keep answering
 * (with their pre-rebuild state, kept current by new events) until the rebuilt tables take over in one transaction.
 * <ol>
 * <li>A rebuild creates the schema {@value RebuildSchema#SCHEMA} with an empty copy of every read-model table, and
 * starts a tracking processor of its own, {@value #GROUP}, with new instances of the group's projections, from the
 * beginning of the event store. Its transactions see only that schema; its token is in {@code public.token_entry}.
 * It has none of the live group's side effects: it moves no read-your-writes position and evicts no serving state.</li>
 * <li>When it is within a batch of the head, the live processor stops (writes wait for read-your-writes meanwhile,
 * under a second here), the rebuild catches up with the live processor's position, stops, and one
 * transaction swaps the tables into {@code public}, drops the old ones and the schema, and hands the rebuild's token
 * to the live group. The live processor then goes on from there, on the rebuilt tables: readers never see an older
 * state than before the swap.</li>
 * </ol>
 * The schema is the rebuild's persisted state: it exists exactly while a rebuild is in progress, so a registry stopped
 * or killed during a rebuild resumes it when it starts again (from the rebuild's token, committed with its rows), and
 * no rebuild processor runs at all otherwise.
 */
@Component
public class ReadModelRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuild.class);

    /** The rebuild's processing group; it exists only while a rebuild runs. */
    public static final String GROUP = "read-models-rebuild";
    private static final String LIVE = AxonProcessingConfiguration.READ_MODELS;
    /** How close to the head the rebuild gets before the live processor is stopped for the switch: one batch. */
    static final long SWITCH_LAG = AxonProcessingConfiguration.BATCH_SIZE;
    private static final long POLL_MILLIS = 100;
    /** How long the switch waits for the rebuild to reach the stopped live processor before it tries again later. */
    private static final long CATCH_UP_MILLIS = 10_000;
    /** How long the swap waits for readers to leave the live tables (once per attempt). */
    private static final String LOCK_TIMEOUT = "2s";
    private static final int SWAP_ATTEMPTS = 5;

    /** A rebuild's progress; {@code running} false once it has switched (the last completed one of this process). */
    public record Status(boolean running, String startedBy, Instant startedAt, Instant completedAt, long position,
                         long head, long lag, boolean error, String problem) {
    }

    /** A request for a rebuild: whether it started one or joined the one in progress, and that rebuild's end. */
    public record Request(boolean started, CompletableFuture<Status> completion) {
    }

    private record Run(TrackingEventProcessor processor, String startedBy, Instant startedAt,
                       CompletableFuture<Status> completion) {
    }

    private final ApplicationContext context;
    private final org.axonframework.config.Configuration axon;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final org.axonframework.common.transaction.TransactionManager axonTransactions;
    private final TokenStore tokens;
    private final TokenStore rebuildTokens;
    private final RebuildSchema schema;
    private final EventStoreHead eventStore;
    private final ProjectionPositions positions;
    private final ServingStateCache servingStates;
    private final AuditLog audit;

    private final Object lock = new Object();
    private Run running; // guarded by lock
    private volatile Status lastCompleted;
    private volatile boolean started;
    private ScheduledExecutorService monitor;

    public ReadModelRebuild(ApplicationContext context, org.axonframework.config.Configuration axon, JdbcTemplate jdbc,
                            PlatformTransactionManager transactionManager,
                            org.axonframework.common.transaction.TransactionManager axonTransactions,
                            TokenStore tokenStore, ConnectionProvider connectionProvider, EventStoreHead eventStore,
                            ProjectionPositions positions, ServingStateCache servingStates, AuditLog audit,
                            AxonStorageConfiguration.TokenOwner owner) {
        this.context = context;
        this.axon = axon;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.axonTransactions = axonTransactions;
        this.tokens = tokenStore;
        // the same serializer as the live token store: the token is handed over as stored
        this.rebuildTokens = AxonStorageConfiguration.tokenStore(connectionProvider, axon.serializer(),
                "public.token_entry", owner);
        this.schema = new RebuildSchema(jdbc);
        this.eventStore = eventStore;
        this.positions = positions;
        this.servingStates = servingStates;
        this.audit = audit;
    }

    /** Starts a rebuild, or joins the one in progress (a second request neither restarts nor refuses it). */
    public Request startOrJoin(String actor) {
        synchronized (lock) {
            if (!started) {
                throw new IllegalStateException("the registry is stopping");
            }
            if (running != null) {
                return new Request(false, running.completion());
            }
            Instant now = Instant.now();
            transactions.executeWithoutResult(s -> createSchema(now, actor));
            running = launch(actor, now);
            log.info("Rebuilding the read models beside the live ones (requested by {})", actor);
            return new Request(true, running.completion());
        }
    }

    /** The rebuild in progress, else the last one this process completed, else none. */
    public Optional<Status> status() {
        Run run;
        synchronized (lock) {
            run = running;
        }
        if (run == null) {
            return Optional.ofNullable(lastCompleted);
        }
        long head = eventStore.head();
        Collection<EventTrackerStatus> statuses = run.processor().processingStatus().values();
        long position = position(statuses).orElse(-1);
        Optional<Throwable> error = statuses.stream().filter(EventTrackerStatus::isErrorState)
                .map(EventTrackerStatus::getError).filter(e -> e != null).findFirst();
        return Optional.of(new Status(true, run.startedBy(), run.startedAt(), null, position, head,
                Math.max(0, head - position), error.isPresent() || run.processor().isError(),
                error.map(e -> e.getClass().getSimpleName() + ": " + e.getMessage()).orElse(null)));
    }

    /**
     * Abandons the rebuild in progress: its processor stops, its schema and token are dropped, the live tables stay;
     * a request waiting for it sees it cancelled. False when no rebuild runs. Runs on the switch's thread, so never
     * during a switch.
     */
    public boolean cancel() {
        try {
            return monitor.submit(this::abandon).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while cancelling the rebuild", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the rebuild could not be cancelled", e.getCause());
        }
    }

    private boolean abandon() {
        synchronized (lock) {
            Run run = running;
            if (run == null) {
                return false;
            }
            run.processor().shutDown();
            transactions.executeWithoutResult(s -> {
                schema.drop();
                jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", GROUP);
            });
            running = null;
            run.completion().cancel(false);
            log.info("The read-model rebuild started by {} at {} was cancelled", run.startedBy(), run.startedAt());
            return true;
        }
    }

    @Override
    public void start() {
        monitor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "read-models-rebuild-switch");
            thread.setDaemon(true);
            return thread;
        });
        synchronized (lock) {
            started = true;
            schema.inProgress().ifPresent(this::resume);
        }
        monitor.scheduleWithFixedDelay(this::switchWhenCaughtUp, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A rebuild was in progress when the registry stopped: it goes on from its token (or starts again). */
    private void resume(String comment) {
        String[] parts = comment.split(" ", 2);
        Instant startedAt;
        try {
            startedAt = Instant.parse(parts[0]);
        } catch (RuntimeException e) {
            startedAt = Instant.now();
        }
        String startedBy = parts.length > 1 ? parts[1] : "unknown";
        if (!Boolean.TRUE.equals(transactions.execute(s -> schema.matchesLiveTables()))) {
            log.warn("The read-model tables changed since the interrupted rebuild started: it starts again");
            Instant at = startedAt;
            transactions.executeWithoutResult(s -> createSchema(at, startedBy));
        }
        log.info("Resuming the read-model rebuild started by {} at {}", startedBy, startedAt);
        running = launch(startedBy, startedAt);
    }

    private void createSchema(Instant startedAt, String startedBy) {
        schema.create(startedAt + " " + startedBy);
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", GROUP);
    }

    @Override
    public void stop() {
        synchronized (lock) {
            started = false;
        }
        monitor.shutdown();
        try {
            if (!monitor.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("The read-model rebuild's switch did not end within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (running != null) {
                running.processor().shutDown(); // its token and rows are committed: the next start resumes
                running = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** After Axon has started its processors (phase 2147480575), and stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 2048;
    }

    private Run launch(String startedBy, Instant startedAt) {
        List<Object> projections = projections();
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(projections)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(projections.get(0).getClass()))
                .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(GROUP)
                .eventHandlerInvoker(invoker)
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(axon.eventStore())
                .tokenStore(rebuildTokens)
                .transactionManager(new SearchPathTransactionManager(axonTransactions, jdbc, RebuildSchema.SCHEMA))
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(AxonProcessingConfiguration.BATCH_SIZE)
                        .andInitialSegmentsCount(1)
                        // no token is the start of the event store, as Axon's tail token, which would be looked up
                        // in a transaction that sees the rebuild's schema only
                        .andInitialTrackingToken(source -> null)
                        .andEventAvailabilityTimeout(AxonProcessingConfiguration.EVENT_AVAILABILITY_TIMEOUT_MILLIS,
                                TimeUnit.MILLISECONDS))
                .build();
        processor.start();
        return new Run(processor, startedBy, startedAt, new CompletableFuture<>());
    }

    /**
     * New instances of every projection of the live group (the beans annotated with its processing group), created
     * as Spring creates the beans, but handed to no Axon configuration and to none of the live group's interceptors.
     */
    private List<Object> projections() {
        List<Class<?>> types = new ArrayList<>();
        for (String name : context.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            Class<?> type = ClassUtils.getUserClass(context.getType(name));
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (group != null && LIVE.equals(group.value())) {
                types.add(type);
            }
        }
        if (types.isEmpty()) {
            throw new IllegalStateException("no projection in the processing group " + LIVE);
        }
        types.sort(Comparator.comparing(Class::getName));
        return types.stream().<Object>map(type -> context.getAutowireCapableBeanFactory().createBean(type)).toList();
    }

    private void switchWhenCaughtUp() {
        Run run;
        synchronized (lock) {
            run = started ? running : null;
        }
        if (run == null) {
            return;
        }
        try {
            Collection<EventTrackerStatus> statuses = run.processor().processingStatus().values();
            OptionalLong position = position(statuses);
            if (position.isEmpty() || statuses.stream().anyMatch(EventTrackerStatus::isErrorState)
                    || eventStore.head() - position.getAsLong() > SWITCH_LAG) {
                return;
            }
            Switched switched = switchOver(run);
            if (switched != null) {
                complete(run, switched);
            }
        } catch (RuntimeException e) {
            log.warn("The read-model rebuild could not switch yet; it tries again", e);
        }
    }

    /** The rebuilt tables are live, and the live group goes on from this token (null: an empty event store). */
    private record Switched(TrackingToken token, long millis) {

        long position() {
            return token == null ? -1 : token.position().orElse(-1);
        }
    }

    /** The switch; {@code null} when the rebuild did not reach the live processor in time (it tries again later). */
    private Switched switchOver(Run run) {
        StreamingEventProcessor live = axon.eventProcessingConfiguration()
                .eventProcessor(LIVE, StreamingEventProcessor.class).orElseThrow();
        long began = System.nanoTime();
        live.shutdownAsync().join();
        TrackingToken rebuilt = null;
        boolean swapped = false;
        try {
            List<TrackingToken> liveTokens = transactions.execute(s -> liveTokens());
            if (!reaches(run.processor(), liveTokens)) {
                log.info("The read-model rebuild has not reached the live read models within {} ms; trying again",
                        CATCH_UP_MILLIS);
                return null;
            }
            run.processor().shutdownAsync().join();
            try {
                rebuilt = swap();
                swapped = true;
            } finally {
                if (!swapped) {
                    run.processor().start();
                }
            }
            positions.reset(LIVE);
            if (rebuilt != null) {
                positions.advance(LIVE, rebuilt);
            }
            servingStates.changed();
        } finally {
            live.start();
            awaitClaim(live);
        }
        return swapped ? new Switched(rebuilt, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)) : null;
    }

    /** A started processor claims its segments on a thread of its own: its position is unknown until it has. */
    private static void awaitClaim(StreamingEventProcessor processor) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        while (processor.processingStatus().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private List<TrackingToken> liveTokens() {
        List<TrackingToken> found = new ArrayList<>();
        for (int segment : tokens.fetchSegments(LIVE)) {
            found.add(tokens.fetchToken(LIVE, segment));
            tokens.releaseClaim(LIVE, segment);
        }
        return found;
    }

    /** Waits until the rebuild has handled every event the (stopped) live processor had. */
    private static boolean reaches(TrackingEventProcessor rebuild, List<TrackingToken> liveTokens)  {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CATCH_UP_MILLIS);
        while (System.nanoTime() < deadline) {
            EventTrackerStatus status = rebuild.processingStatus().get(0);
            TrackingToken token = status == null ? null : status.getTrackingToken();
            if (liveTokens.stream().map(WrappedToken::unwrapLowerBound)
                    .allMatch(l -> l == null || (token != null && WrappedToken.unwrapUpperBound(token).covers(l)))) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** The swap's transaction, tried again when readers held the tables past the lock timeout. */
    private TrackingToken swap() {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(s -> {
                    jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
                    TrackingToken token = rebuildTokens.fetchToken(GROUP, 0);
                    schema.swap();
                    jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", LIVE);
                    jdbc.update("""
                            INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
                            SELECT ?, segment, token, token_type, timestamp, NULL FROM token_entry
                            WHERE processor_name = ?""", LIVE, GROUP);
                    jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", GROUP);
                    return token;
                });
            } catch (PessimisticLockingFailureException e) {
                if (attempt == SWAP_ATTEMPTS) {
                    throw e;
                }
                log.info("Readers held the read-model tables; swap attempt {} of {} failed: {}", attempt,
                        SWAP_ATTEMPTS, e.getMessage());
            }
        }
    }

    private void complete(Run run, Switched switched) {
        long position = switched.position();
        Instant completedAt = Instant.now();
        Status done = new Status(false, run.startedBy(), run.startedAt(), completedAt, position, position, 0, false,
                null);
        lastCompleted = done;
        synchronized (lock) {
            running = null;
        }
        Duration took = Duration.between(run.startedAt(), completedAt);
        log.info("Read models rebuilt up to position {} in {} s; the rebuilt tables are live (the switch stopped the"
                + " live processor for {} ms)", position, took.toMillis() / 1000.0, switched.millis());
        try {
            audit.appendAlone(new AuditEntry(null, completedAt, run.startedBy(), "ReadModelsRebuildCompleted", null,
                    null, null, null, null, "{\"groups\":[\"" + LIVE + "\"],\"position\":" + position
                    + ",\"seconds\":" + took.toMillis() / 1000.0 + ",\"switchMillis\":" + switched.millis() + "}"));
        } finally {
            run.completion().complete(done);
        }
    }

    /** The lowest position of the processor's segments; empty before it has claimed one. */
    private static OptionalLong position(Collection<EventTrackerStatus> statuses) {
        if (statuses.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(statuses.stream().map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(p -> p.isPresent() ? p.getAsLong() : -1).min().orElse(-1));
    }
}
