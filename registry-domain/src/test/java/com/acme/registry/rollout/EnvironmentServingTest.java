package com.acme.registry.rollout;

import com.acme.registry.model.ArchiveModelVersion;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.RegisteredModel;
import com.acme.registry.model.RetireModel;
import com.acme.registry.promotion.GovernanceRules;
import com.acme.registry.promotion.GovernanceHistory;
import com.acme.registry.promotion.PromotionRequests;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.registry.promotion.GovernanceHistory.ALICE;
import static com.acme.registry.promotion.GovernanceHistory.BOB;
import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.NOW;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.RAVI;
import static com.acme.registry.promotion.GovernanceHistory.RITA;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;
import static com.acme.registry.promotion.GovernanceHistory.daysBeforeNow;
import static com.acme.registry.promotion.GovernanceHistory.model;
import static com.acme.registry.promotion.GovernanceHistory.needsApproval;
import static com.acme.registry.model.Refusals.ruleBroken;
import static com.acme.registry.model.Refusals.withDetails;
import static com.acme.registry.promotion.RiskTier.HIGH;
import static com.acme.registry.promotion.RiskTier.MEDIUM;

/**
 * The rules of {@link EnvironmentServing}: rollouts (approved by {@link PromotionRequests} where an environment
 * needs it), rollbacks and their acknowledgement, and what serving means for retiring the model and archiving a
 * version; one given/when/then per rule and per refusal.
 */
class EnvironmentServingTest extends GovernanceRules {

    static final String REASON = "latency regression";

    // ---- commands, as a configured environment would send them: production needs approval, staging does not ----

    static StartRollout start(String environment, int version, int traffic) {
        return new StartRollout(MODEL, environment, version, traffic, needsApproval(environment), NOW);
    }

    static RollBack rollBack(String environment, String by) {
        return new RollBack(MODEL, environment, REASON, needsApproval(environment), by);
    }

    static AcknowledgeRollback acknowledge(int rollback, String by) {
        return acknowledge(rollback, by, Set.of());
    }

    static AcknowledgeRollback acknowledge(int rollback, String by, Set<String> reviewerTokens) {
        return new AcknowledgeRollback(MODEL, rollback, "Checked the incident; restoring was right", by, reviewerTokens);
    }

    @Nested
    class Rollouts {

        @Test
        void aGrantedRequestStartsARolloutThatCarriesItsNumber() {
            fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).events())
                    .when(start(PRODUCTION, 1, 10))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RolloutStarted(MODEL, PRODUCTION, 1, 10, 1, null));
        }

        @Test
        void withoutARequestProductionIsRefused() {
            refusedRule(model(HIGH).versions(1), start(PRODUCTION, 1, 10), "not-approved",
                    "Version 1 has no promotion request for production, which needs approval; "
                            + "request a promotion first.");
        }

        @Test
        void aGrantForAnotherEnvironmentDoesNotCount() {
            refusedRule(model(HIGH).versions(1).requested(1, STAGING), start(PRODUCTION, 1, 10), "not-approved",
                    "Version 1 has no promotion request for production");
        }

        @Test
        void aPendingRequestIsRefusedNamingTheApprovalsItStillNeeds() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, RITA), start(PRODUCTION, 1, 10),
                    "not-approved", "needs 2 approvals from distinct risk reviewers; has 1 (rita)")
                    .expectExceptionMessage("Version 1 is not approved for production: request #1 needs 2 approvals "
                            + "from distinct risk reviewers; has 1 (rita).");
        }

        @Test
        void aPendingRequestWithoutApprovalsIsRefused() {
            refusedRule(model(MEDIUM).versions(1).requested(1, PRODUCTION), start(PRODUCTION, 1, 10),
                    "not-approved", "Version 1 is not approved for production: request #1 needs 1 approval "
                            + "from distinct risk reviewers; has 0.");
        }

        @Test
        void aRejectedRequestIsRefused() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).rejected(1, RITA), start(PRODUCTION, 1, 10),
                    "not-approved", "Version 1 is not approved for production: request #1 was rejected; "
                            + "file a new request.");
        }

        @Test
        void anExpiredGrantIsRefused() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION, daysBeforeNow(31)), start(PRODUCTION, 1, 10),
                    "not-approved", "Version 1 is not approved for production: the approval of request #1 expired "
                            + "at 2026-11-26T10:00:00Z; file a new request.");
        }

        @Test
        void theLatestRequestDecides() {
            // #1 expired, #2 is pending: the pending one is what stands between the version and production
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION, daysBeforeNow(40)).requested(1, PRODUCTION),
                    start(PRODUCTION, 1, 10), "not-approved", "request #2 needs 2 approvals");
        }

        @Test
        void stagingNeedsNoRequest() {
            fixture.given(model(HIGH).versions(1).events())
                    .when(start(STAGING, 1, 25))
                    .expectEvents(new RolloutStarted(MODEL, STAGING, 1, 25, null, null));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 101, -5})
        void trafficOutside1To100IsRefused(int traffic) {
            refusedInput(model(HIGH).versions(1).granted(1, PRODUCTION), start(PRODUCTION, 1, traffic),
                    "trafficPercent", "must be between 1 and 100");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 100})
        void trafficOf1And100IsAccepted(int traffic) {
            fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).events())
                    .when(start(PRODUCTION, 1, traffic))
                    .expectEvents(new RolloutStarted(MODEL, PRODUCTION, 1, traffic, 1, null));
        }

        @Test
        void aSecondRolloutInTheSameEnvironmentIsRefused() {
            refusedRule(model(HIGH).versions(2).granted(1, PRODUCTION).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 1, 10),
                    start(PRODUCTION, 2, 10), "rollout-in-progress",
                    "Version 1 is being rolled out to production (10% of traffic); complete or abort that rollout first.");
        }

        @Test
        void aRolloutInAnotherEnvironmentIsIndependent() {
            fixture.given(model(HIGH).versions(2).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10).events())
                    .when(start(STAGING, 2, 50))
                    .expectEvents(new RolloutStarted(MODEL, STAGING, 2, 50, null, null));
        }

        @Test
        void theCurrentChampionCannotBeRolledOutAgain() {
            refusedRule(model(HIGH).versions(1).champion(STAGING, 1), start(STAGING, 1, 10), "already-champion",
                    "Version 1 already serves staging.");
        }

        @Test
        void anArchivedVersionCannotBeRolledOut() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION).archived(1), start(PRODUCTION, 1, 10),
                    "version-archived", "Version 1 of model 'bnpl-credit-risk' is archived and cannot be rolled out.");
        }

        @Test
        void aRetiredModelStartsNoRollouts() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION).retired(), start(PRODUCTION, 1, 10),
                    "model-retired", "a retired model cannot start rollouts.");
        }

        @Test
        void anUnknownVersionIsNotFound() {
            notFound(model(HIGH).versions(1), start(STAGING, 3, 10), "Model 'bnpl-credit-risk' has no version 3.");
        }

        @Test
        void theRolloutCarriesTheRequestNumberAndTheCurrentChampion() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION).events())
                    .when(start(PRODUCTION, 2, 5))
                    .expectEvents(new RolloutStarted(MODEL, PRODUCTION, 2, 5, 2, 1));
        }

        @Test
        void trafficIsChanged() {
            fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10).events())
                    .when(new ChangeRolloutTraffic(MODEL, PRODUCTION, 50))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RolloutTrafficChanged(MODEL, PRODUCTION, 1, 50));
        }

        @Test
        void trafficChangedTwiceIsChangedFromTheLatestValue() {
            fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10)
                            .trafficChanged(PRODUCTION, 50).events())
                    .when(new ChangeRolloutTraffic(MODEL, PRODUCTION, 10))
                    .expectEvents(new RolloutTrafficChanged(MODEL, PRODUCTION, 1, 10));
        }

        @Test
        void theSameTrafficChangesNothing() {
            fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10)
                            .trafficChanged(PRODUCTION, 50).events())
                    .when(new ChangeRolloutTraffic(MODEL, PRODUCTION, 50))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void changedTrafficMustBeBetween1And100() {
            refusedInput(model(HIGH).versions(1).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10),
                    new ChangeRolloutTraffic(MODEL, PRODUCTION, 0), "trafficPercent", "must be between 1 and 100");
        }

        @Test
        void changingTrafficWithoutARolloutIsRefused() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION).rolloutStarted(PRODUCTION, 1, 10),
                    new ChangeRolloutTraffic(MODEL, STAGING, 50), "no-rollout",
                    "No rollout is in progress in staging.");
        }

        @Test
        void completionMakesTheVersionChampionAndNamesThePreviousOne() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10).trafficChanged(PRODUCTION, 100).events())
                    .when(new CompleteRollout(MODEL, PRODUCTION))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RolloutCompleted(MODEL, PRODUCTION, 2, 1));
        }

        @Test
        void theFirstCompletionHasNoPreviousChampion() {
            fixture.given(model(HIGH).versions(1).rolloutStarted(STAGING, 1, 10).events())
                    .when(new CompleteRollout(MODEL, STAGING))
                    .expectEvents(new RolloutCompleted(MODEL, STAGING, 1, null));
        }

        @Test
        void completingWithoutARolloutIsRefused() {
            refusedRule(model(HIGH).versions(1).champion(STAGING, 1), new CompleteRollout(MODEL, STAGING),
                    "no-rollout", "No rollout is in progress in staging.");
        }

        @Test
        void abortIsRecordedWithItsReason() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10).events())
                    .when(new AbortRollout(MODEL, PRODUCTION, "error rate above budget"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RolloutAborted(MODEL, PRODUCTION, 2, "error rate above budget"));
        }

        @Test
        void abortNeedsAReason() {
            refusedInput(model(HIGH).versions(1).rolloutStarted(STAGING, 1, 10), new AbortRollout(MODEL, STAGING, ""),
                    "reason", "is required");
        }

        @Test
        void abortingWithoutARolloutIsRefused() {
            refusedRule(model(HIGH).versions(1), new AbortRollout(MODEL, PRODUCTION, "error rate above budget"),
                    "no-rollout", "No rollout is in progress in production.");
        }

        @Test
        void afterCompletionANewRolloutCanStart() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION).events())
                    .when(start(PRODUCTION, 2, 20))
                    .expectEvents(new RolloutStarted(MODEL, PRODUCTION, 2, 20, 2, 1));
        }

        @Test
        void afterAbortANewRolloutCanStart() {
            fixture.given(model(HIGH).versions(2).champion(STAGING, 1).rolloutStarted(STAGING, 2, 10)
                            .aborted(STAGING).events())
                    .when(start(STAGING, 2, 30))
                    .expectEvents(new RolloutStarted(MODEL, STAGING, 2, 30, null, 1));
        }

        @Test
        void anEarlierChampionCanBeRolledOutAgain() {
            fixture.given(model(HIGH).versions(2).champion(STAGING, 1).champion(STAGING, 2).events())
                    .when(start(STAGING, 1, 10))
                    .expectEvents(new RolloutStarted(MODEL, STAGING, 1, 10, null, 2));
        }
    }

    @Nested
    class Rollbacks {

        @Test
        void rollingBackInProductionRestoresThePreviousChampionAsAnEmergency() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2).events())
                    .when(rollBack(PRODUCTION, BOB))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 1, 1, 2, REASON, BOB, true));
        }

        @Test
        void rollingBackWhereNoApprovalIsNeededIsNoEmergency() {
            fixture.given(model(HIGH).versions(2).champion(STAGING, 1).champion(STAGING, 2).events())
                    .when(rollBack(STAGING, ALICE))
                    .expectEvents(new RolledBack(MODEL, STAGING, 1, 1, 2, REASON, ALICE, false));
        }

        @Test
        void anExpiredApprovalIsEnoughToRollBackTo() {
            fixture.given(model(HIGH).versions(2).granted(1, PRODUCTION, daysBeforeNow(100))
                            .rolloutStarted(PRODUCTION, 1, 10).completed(PRODUCTION).champion(PRODUCTION, 2).events())
                    .when(rollBack(PRODUCTION, BOB))
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 1, 1, 2, REASON, BOB, true));
        }

        @Test
        void refusedWhileARolloutIsInProgress() {
            refusedRule(model(HIGH).versions(3).champion(PRODUCTION, 1).champion(PRODUCTION, 2)
                            .granted(3, PRODUCTION).rolloutStarted(PRODUCTION, 3, 10),
                    rollBack(PRODUCTION, BOB), "rollout-in-progress",
                    "Version 3 is being rolled out to production; abort that rollout instead of rolling back.");
        }

        @Test
        void refusedWithoutAChampion() {
            refusedRule(model(HIGH).versions(1), rollBack(PRODUCTION, BOB), "nothing-to-roll-back-to",
                    "No earlier champion of production to roll back to (nothing serves there).");
        }

        @Test
        void refusedWithoutAnEarlierChampion() {
            refusedRule(model(HIGH).versions(1).champion(PRODUCTION, 1), rollBack(PRODUCTION, BOB),
                    "nothing-to-roll-back-to", "No earlier champion of production to roll back to.");
        }

        @Test
        void refusedToAnArchivedVersion() {
            refusedRule(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2).archived(1),
                    rollBack(PRODUCTION, BOB), "version-archived",
                    "Version 1 of model 'bnpl-credit-risk' is archived and cannot be rolled back to.");
        }

        @Test
        void refusedToAVersionNeverApprovedWhereApprovalIsNowNeeded() {
            refusedRule(model(HIGH).versions(2).championWithoutApproval(PRODUCTION, 1)
                            .championWithoutApproval(PRODUCTION, 2),
                    rollBack(PRODUCTION, BOB), "never-approved",
                    "Version 1 was never approved for production; it cannot be rolled back to without a new approval.");
        }

        @Test
        void aPendingOrRejectedRequestIsNoApprovalToRollBackTo() {
            refusedRule(model(HIGH).versions(2).championWithoutApproval(PRODUCTION, 1)
                            .championWithoutApproval(PRODUCTION, 2)
                            .requested(1, PRODUCTION).approved(1, RITA).rejected(1, RAVI).requested(1, PRODUCTION),
                    rollBack(PRODUCTION, BOB), "never-approved", "Version 1 was never approved for production");
        }

        @Test
        void consecutiveRollbacksGoBackOneChampionAtATime() {
            GovernanceHistory threeChampions = model(HIGH).versions(3)
                    .champion(PRODUCTION, 1).champion(PRODUCTION, 2).champion(PRODUCTION, 3);
            fixture.given(threeChampions.events())
                    .when(rollBack(PRODUCTION, BOB))
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 1, 2, 3, REASON, BOB, true));

            fixture.given(threeChampions.rolledBack(PRODUCTION, BOB).events())
                    .when(rollBack(PRODUCTION, ALICE))
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 2, 1, 2, REASON, ALICE, true));

            refusedRule(threeChampions.rolledBack(PRODUCTION, ALICE), rollBack(PRODUCTION, BOB),
                    "nothing-to-roll-back-to", "No earlier champion of production to roll back to.");
        }

        @Test
        void rollbacksAreNumberedAcrossEnvironments() {
            fixture.given(model(HIGH).versions(2).champion(STAGING, 1).champion(STAGING, 2).rolledBack(STAGING, BOB)
                            .champion(PRODUCTION, 1).champion(PRODUCTION, 2).events())
                    .when(rollBack(PRODUCTION, BOB))
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 2, 1, 2, REASON, BOB, true));
        }

        @Test
        void aReasonIsRequired() {
            refusedInput(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2),
                    new RollBack(MODEL, PRODUCTION, null, true, BOB), "reason", "is required");
        }
    }

    @Nested
    class Acknowledgements {

        private GovernanceHistory emergencyRollbackByBob() {
            return model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2).rolledBack(PRODUCTION, BOB);
        }

        @Test
        void aReviewerAcknowledgesAnEmergencyRollback() {
            fixture.given(emergencyRollbackByBob().events())
                    .when(acknowledge(1, RITA))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RollbackAcknowledged(MODEL, 1, RITA, "Checked the incident; restoring was right"));
        }

        @Test
        void theOneWhoRolledBackCannotAcknowledge() {
            refusedDuty(emergencyRollbackByBob(), acknowledge(1, BOB),
                    "bob performed emergency rollback #1 and so cannot acknowledge it; another risk reviewer must.");
        }

        @Test
        void aReviewerCannotAcknowledgeARollbackTheirTokenPerformed() {
            refusedDuty(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2)
                            .rolledBack(PRODUCTION, "token:ravi-ops"), acknowledge(1, RAVI, Set.of("token:ravi-ops")),
                    "ravi performed emergency rollback #1 (through the API token token:ravi-ops acting for them) "
                            + "and so cannot acknowledge it; another risk reviewer must.");
        }

        @Test
        void anotherReviewerAcknowledgesARollbackATokenPerformed() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2)
                            .rolledBack(PRODUCTION, "token:ravi-ops").events())
                    .when(acknowledge(1, RITA, Set.of("token:rita-bot")))
                    .expectEvents(new RollbackAcknowledged(MODEL, 1, RITA, "Checked the incident; restoring was right"));
        }

        @Test
        void acknowledgingTwiceIsRefused() {
            refusedRule(emergencyRollbackByBob().acknowledged(1, RITA), acknowledge(1, RAVI), "rollback-acknowledged",
                    "Emergency rollback #1 was acknowledged by rita already.");
        }

        @Test
        void anUnknownRollbackIsNotFound() {
            notFound(emergencyRollbackByBob(), acknowledge(5, RITA),
                    "Model 'bnpl-credit-risk' has no emergency rollback #5.");
        }

        @Test
        void aRollbackThatWasNoEmergencyIsNotFound() {
            notFound(model(HIGH).versions(2).champion(STAGING, 1).champion(STAGING, 2).rolledBack(STAGING, BOB),
                    acknowledge(1, RITA), "Model 'bnpl-credit-risk' has no emergency rollback #1.");
        }

        @Test
        void aCommentIsRequired() {
            refusedInput(emergencyRollbackByBob(), new AcknowledgeRollback(MODEL, 1, "", RITA, Set.of()), "comment",
                    "is required");
        }
    }

    /**
     * What serves limits retirement and archival, and a retired model takes no rollout changes but may still stop
     * serving (docs/reliability-rules.md).
     */
    @Nested
    class ServingAndRetirement {

        private final Map<String, Object> inProduction = Map.of("environments", List.of(PRODUCTION));

        @Test
        void aRetiredModelTakesNoTrafficChange() {
            refusedRule(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10).retired(),
                    new ChangeRolloutTraffic(MODEL, PRODUCTION, 50), "model-retired",
                    "a retired model cannot change rollout traffic.");
        }

        @Test
        void aRetiredModelCompletesNoRollout() {
            refusedRule(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10).retired(),
                    new CompleteRollout(MODEL, PRODUCTION), "model-retired", "a retired model cannot complete rollouts.");
        }

        @Test
        void aRetiredModelMayStillAbortItsRollout() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10).retired().events())
                    .when(new AbortRollout(MODEL, PRODUCTION, "model retired"))
                    .expectEvents(new RolloutAborted(MODEL, PRODUCTION, 2, "model retired"));
        }

        @Test
        void aRetiredModelMayStillBeRolledBack() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2).retired().events())
                    .when(rollBack(PRODUCTION, BOB))
                    .expectEvents(new RolledBack(MODEL, PRODUCTION, 1, 1, 2, REASON, BOB, true));
        }

        @Test
        void retiringAModelWhoseChampionServesIsRefusedNamingTheEnvironment() {
            fixture.given(model(HIGH).versions(1).champion(PRODUCTION, 1).events())
                    .when(new RetireModel(MODEL, "replaced"))
                    .expectNoEvents()
                    .expectException(ruleBroken("serving-in-environment",
                            "Model 'bnpl-credit-risk' still serves in production (v1 champion)."))
                    .expectException(withDetails(inProduction));
        }

        @Test
        void retiringAModelWithARolloutCandidateIsRefusedNamingEveryEnvironment() {
            refusedRule(model(HIGH).versions(2).champion(PRODUCTION, 1).rolloutStarted(STAGING, 2, 10),
                    new RetireModel(MODEL, "replaced"), "serving-in-environment",
                    "still serves in production (v1 champion), staging (v2 rollout candidate at 10%).");
        }

        @Test
        void retiringWhileServingIsRecordedWithTheEnvironments() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).rolloutStarted(STAGING, 2, 10).events())
                    .when(new RetireModel(MODEL, "replaced", true))
                    .expectEvents(GenericEventMessage.asEventMessage(
                            new ModelRetired(MODEL, "replaced")).andMetaData(Map.of(
                            RegisteredModel.SERVING_ENVIRONMENTS, List.of(PRODUCTION, STAGING))));
        }

        @Test
        void aModelWhoseRolloutWasAbortedAndThatHasNoChampionRetiresWithoutTheFlag() {
            fixture.given(model(HIGH).versions(1).rolloutStarted(STAGING, 1, 100).aborted(STAGING).events())
                    .when(new RetireModel(MODEL, "replaced"))
                    .expectEvents(new ModelRetired(MODEL, "replaced"));
        }

        @Test
        void archivingTheChampionIsRefusedNamingTheEnvironment() {
            fixture.given(model(HIGH).versions(1).champion(PRODUCTION, 1).events())
                    .when(new ArchiveModelVersion(MODEL, 1, "miscalibrated"))
                    .expectNoEvents()
                    .expectException(ruleBroken("serving-in-environment",
                            "Version 1 of model 'bnpl-credit-risk' serves in production (champion)"))
                    .expectException(withDetails(inProduction));
        }

        @Test
        void archivingARolloutCandidateIsRefused() {
            refusedRule(model(HIGH).versions(2).champion(PRODUCTION, 1).granted(2, PRODUCTION)
                            .rolloutStarted(PRODUCTION, 2, 10),
                    new ArchiveModelVersion(MODEL, 2, "miscalibrated"), "serving-in-environment",
                    "serves in production (rollout candidate at 10%)");
        }

        @Test
        void archivingTheChampionOfARetiredModelIsRefusedToo() {
            refusedRule(model(HIGH).versions(1).champion(PRODUCTION, 1).retired(),
                    new ArchiveModelVersion(MODEL, 1, "miscalibrated"), "serving-in-environment",
                    "serves in production (champion)");
        }

        @Test
        void aFormerChampionIsArchived() {
            fixture.given(model(HIGH).versions(2).champion(PRODUCTION, 1).champion(PRODUCTION, 2).events())
                    .when(new ArchiveModelVersion(MODEL, 1, "miscalibrated"))
                    .expectEvents(new ModelVersionArchived(MODEL, 1, "miscalibrated"));
        }
    }
}
