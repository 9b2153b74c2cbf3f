package com.acme.registry.promotion;

import com.acme.registry.rollout.AbortRollout;
import com.acme.registry.rollout.AcknowledgeRollback;
import com.acme.registry.rollout.ChangeRolloutTraffic;
import com.acme.registry.rollout.CompleteRollout;
import com.acme.registry.rollout.RollBack;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.StartRollout;

import com.acme.registry.model.ArchiveModelVersion;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.RegisteredModel;
import com.acme.registry.model.RetireModel;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static com.acme.registry.promotion.GovernanceHistory.ALICE;
import static com.acme.registry.promotion.GovernanceHistory.BOB;
import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.NOW;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.RAVI;
import static com.acme.registry.promotion.GovernanceHistory.REPORT;
import static com.acme.registry.promotion.GovernanceHistory.RITA;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;
import static com.acme.registry.promotion.GovernanceHistory.needsApproval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs many random command sequences through the aggregate, one command at a time (given everything published so
 * far, when the next command), and lets an independent {@link EventLogChecker} read every published event.
 * Refusals are fine, as long as they are the domain's refusals and publish nothing.
 */
class GovernanceInvariantTest {

    private static final long SEED = 20261127L;
    private static final int SEQUENCES = 200;
    private static final int COMMANDS = 50;
    private static final List<String> USERS = List.of(ALICE, BOB, RITA, RAVI);
    private static final List<String> ENVIRONMENTS = List.of(STAGING, PRODUCTION);
    private static final ApprovalPolicy STRICT = new ApprovalPolicy(
            Map.of(RiskTier.HIGH, 3, RiskTier.MEDIUM, 2, RiskTier.LOW, 1), 10);

    private FixtureConfiguration<RegisteredModel> fixture;
    private final AtomicReference<Exception> refusal = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        fixture = GovernanceRules.newAggregateFixture();
        fixture.registerCommandHandlerInterceptor((unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (Exception e) {
                refusal.set(e);
                throw e;
            }
        });
    }

    @Test
    void randomCommandSequencesKeepTheInvariants() {
        Random random = new Random(SEED);
        Map<String, Integer> published = new TreeMap<>();
        Map<String, Integer> refused = new TreeMap<>();

        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            RiskTier tier = RiskTier.values()[random.nextInt(RiskTier.values().length)];
            // versions 1 and 3 registered by alice, 2 by bob; version 4 does not exist
            List<Object> history = new ArrayList<>(GovernanceHistory.model(tier).versions(1).versionBy(BOB)
                    .versions(1).events());
            EventLogChecker checker = new EventLogChecker();
            checker.accept(history, NOW);
            Instant now = NOW;
            List<Object> commands = new ArrayList<>();

            for (int step = 0; step < COMMANDS; step++) {
                now = now.plus(random.nextInt(20) == 0 ? Duration.ofDays(35) : Duration.ofHours(random.nextInt(72)));
                Object command = nextCommand(random, checker, now);
                commands.add(command);
                List<Object> events = handle(history, command);
                Exception refused0 = refusal.get();
                if (refused0 != null) {
                    assertThat(refused0)
                            .as("sequence %d (seed %d), commands %s", sequence, SEED, commands)
                            .isInstanceOfAny(InvalidInputException.class, RuleViolationException.class,
                                    NotFoundException.class);
                    assertThat(events).as("a refusal publishes nothing").isEmpty();
                    String name = refused0 instanceof RuleViolationException r ? r.rule()
                            : refused0.getClass().getSimpleName();
                    refused.merge(name, 1, Integer::sum);
                }
                try {
                    checker.accept(events, now);
                } catch (AssertionError e) {
                    throw new AssertionError("sequence " + sequence + " (seed " + SEED + "), commands " + commands
                            + "\n" + e.getMessage(), e);
                }
                history.addAll(events);
                events.forEach(e -> published.merge(e.getClass().getSimpleName(), 1, Integer::sum));
            }
        }

        // the sequences reached every governance event and the important refusals, so the check was not vacuous
        for (Class<?> type : GovernanceEventJsonShapeTest.governanceEventTypes()) {
            assertThat(published.getOrDefault(type.getSimpleName(), 0))
                    .as("%s published (all: %s)", type.getSimpleName(), published).isGreaterThanOrEqualTo(5);
        }
        assertThat(refused).as("refusals").containsKeys("segregation-of-duties", "already-approved", "not-approved",
                "rollout-in-progress", "request-open", "request-granted", "request-closed", "already-champion",
                "nothing-to-roll-back-to", "no-rollout", "version-archived", "model-retired",
                "InvalidInputException", "NotFoundException");
    }

    /** Handles {@code command} given {@code history}; answers the published payloads (refusal in {@link #refusal}). */
    private List<Object> handle(List<Object> history, Object command) {
        refusal.set(null);
        List<Object> published = new ArrayList<>();
        fixture.given(history).when(command).expectEventsMatching(capture(published));
        return published;
    }

    private static Matcher<List<EventMessage<?>>> capture(List<Object> into) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                for (Object message : (List<?>) actual) {
                    into.add(((EventMessage<?>) message).getPayload());
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("any events (captured)");
            }
        };
    }

    /**
     * Half of the time a command that moves the model forward (approve a pending request, start a granted version,
     * complete a rollout, roll back, acknowledge), so that deep states are reached; otherwise any command with
     * random, often wrong, arguments.
     */
    private static Object nextCommand(Random random, EventLogChecker state, Instant now) {
        if (random.nextBoolean()) {
            List<Object> progress = progress(random, state, now);
            if (!progress.isEmpty()) {
                return pick(random, progress);
            }
        }
        return anyCommand(random, state, now);
    }

    private static List<Object> progress(Random random, EventLogChecker state, Instant now) {
        List<Object> moves = new ArrayList<>();
        String reviewer = pick(random, List.of(RITA, RAVI));
        state.pendingRequests().forEach(n -> moves.add(new ApprovePromotion(MODEL, n, "ok", reviewer, Set.of(), now)));
        for (String environment : ENVIRONMENTS) {
            boolean approvalRequired = needsApproval(environment);
            if (state.environmentsWithRollout().contains(environment)) {
                moves.add(new CompleteRollout(MODEL, environment));
            } else {
                int version = 1 + random.nextInt(3);
                moves.add(new RequestPromotion(MODEL, version, environment, "better", REPORT, approvalRequired,
                        ApprovalPolicy.DEFAULT, pick(random, List.of(ALICE, BOB)), now));
                state.grantedVersions(environment).forEach(v ->
                        moves.add(new StartRollout(MODEL, environment, v, 10, approvalRequired, now)));
            }
        }
        state.environmentsWithPastChampions().forEach(environment -> moves.add(
                new RollBack(MODEL, environment, "incident", needsApproval(environment), pick(random, USERS))));
        state.unacknowledgedEmergencies()
                .forEach(n -> moves.add(new AcknowledgeRollback(MODEL, n, "ok", reviewer, Set.of())));
        return moves;
    }

    private static Object anyCommand(Random random, EventLogChecker state, Instant now) {
        String environment = random.nextInt(10) < 6 ? PRODUCTION : STAGING;
        String rolloutEnvironment = !state.environmentsWithRollout().isEmpty() && random.nextInt(10) < 8
                ? pick(random, state.environmentsWithRollout()) : environment;
        String rollbackEnvironment = !state.environmentsWithPastChampions().isEmpty() && random.nextInt(10) < 8
                ? pick(random, state.environmentsWithPastChampions()) : environment;
        boolean approvalRequired = needsApproval(environment);
        int version = 1 + random.nextInt(4);
        if (random.nextInt(10) < 8 && state.champion(environment) != null && state.champion(environment) == version) {
            version = 1 + (version % 3); // mostly not the champion, which is refused
        }
        String user = pick(random, USERS);
        String reviewer = random.nextInt(10) < 7 ? pick(random, List.of(RITA, RAVI)) : user;
        int request = random.nextInt(10) < 8 && !state.pendingRequests().isEmpty()
                ? pick(random, state.pendingRequests())
                : 1 + random.nextInt(state.requestCount() + 2);
        int startVersion = random.nextInt(10) < 6 && !state.grantedVersions(environment).isEmpty()
                ? pick(random, state.grantedVersions(environment)) : version;
        int rollback = 1 + random.nextInt(state.rollbackCount() + 1);
        String text = random.nextInt(25) == 0 ? " " : "because";
        int traffic = random.nextInt(15) == 0 ? (random.nextBoolean() ? 0 : 101) : 1 + random.nextInt(100);
        int dice = random.nextInt(100);
        if (dice < 16) {
            return new RequestPromotion(MODEL, version, environment, text, random.nextInt(25) == 0 ? null : REPORT,
                    approvalRequired, random.nextInt(5) == 0 ? STRICT : ApprovalPolicy.DEFAULT, user, now);
        } else if (dice < 36) {
            return new ApprovePromotion(MODEL, request, text, reviewer, Set.of(), now);
        } else if (dice < 39) {
            return new RejectPromotion(MODEL, request, text, reviewer);
        } else if (dice < 55) {
            return new StartRollout(MODEL, environment, startVersion, traffic, approvalRequired, now);
        } else if (dice < 60) {
            return new ChangeRolloutTraffic(MODEL, rolloutEnvironment, traffic);
        } else if (dice < 74) {
            return new CompleteRollout(MODEL, rolloutEnvironment);
        } else if (dice < 77) {
            return new AbortRollout(MODEL, rolloutEnvironment, text);
        } else if (dice < 88) {
            return new RollBack(MODEL, rollbackEnvironment, text, needsApproval(rollbackEnvironment), user);
        } else if (dice < 97) {
            return new AcknowledgeRollback(MODEL, rollback, text, reviewer, Set.of());
        }
        int rare = random.nextInt(20);
        if (rare < 3) {
            return new ArchiveModelVersion(MODEL, 1 + random.nextInt(3), "miscalibrated");
        } else if (rare == 3) {
            return new RetireModel(MODEL, "replaced", random.nextBoolean());
        }
        return new CompleteRollout(MODEL, rolloutEnvironment);
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** The checker itself fails on logs that break the invariants, so a green run above means something. */
    @Nested
    class TheCheckerCatches {

        private void brokenLog(GovernanceHistory history, String expected) {
            assertThatThrownBy(() -> new EventLogChecker().accept(history.events(), NOW))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(expected);
        }

        @Test
        void aValidLogPasses() {
            new EventLogChecker().accept(GovernanceHistory.model(RiskTier.HIGH).versions(2)
                    .champion(STAGING, 1).champion(STAGING, 2).rolledBack(STAGING, BOB).events(), NOW);
        }

        @Test
        void twoRolloutsInOneEnvironment() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(2).rolloutStarted(STAGING, 1, 10)
                    .rolloutStarted(STAGING, 2, 10), "a second rollout in staging");
        }

        @Test
        void aChampionWithoutGrantWhereApprovalIsNeeded() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1).championWithoutApproval(PRODUCTION, 1),
                    "started without a granted, unexpired request");
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1)
                            .and(new RolloutStarted(MODEL, PRODUCTION, 1, 10, 1, null))
                            .and(new RolloutCompleted(MODEL, PRODUCTION, 1, null)),
                    "started without a granted, unexpired request");
        }

        @Test
        void aSecondChampionClaim() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(2).champion(STAGING, 1)
                    .and(new RolloutStarted(MODEL, STAGING, 2, 10, null, null)), "another champion than 1");
        }

        @Test
        void anArchivedChampion() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1).champion(STAGING, 1)
                    .and(new ModelVersionArchived(MODEL, 1, "leaky")), "archived a version that serves");
        }

        @Test
        void aRolloutChangedAfterRetirement() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1).rolloutStarted(STAGING, 1, 10).retired()
                    .trafficChanged(STAGING, 50), "a retired model changes no rollout traffic");
        }

        @Test
        void anApprovalByTheRegistrant() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1).requested(1, PRODUCTION)
                    .approved(1, ALICE), "the registrant approved");
        }

        @Test
        void aGrantBeforeEnoughApprovals() {
            brokenLog(GovernanceHistory.model(RiskTier.HIGH).versions(1).requested(1, PRODUCTION)
                            .approved(1, RITA).and(new PromotionGranted(MODEL, 1, 1, PRODUCTION, NOW)),
                    "granted before 2 distinct approvals");
        }
    }
}
