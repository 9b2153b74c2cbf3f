package com.acme.registry.promotion;

import com.acme.registry.rollout.AbortRollout;
import com.acme.registry.rollout.AcknowledgeRollback;
import com.acme.registry.rollout.ChangeRolloutTraffic;
import com.acme.registry.rollout.CompleteRollout;
import com.acme.registry.rollout.RollBack;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;
import com.acme.registry.rollout.StartRollout;

import com.acme.registry.model.ArchiveModelVersion;
import com.acme.registry.model.ModelRetired;
import com.acme.registry.model.ModelVersionArchived;
import com.acme.registry.model.RegisteredModel;
import com.acme.registry.model.RetireModel;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.acme.registry.promotion.GovernanceHistory.ALICE;
import static com.acme.registry.promotion.GovernanceHistory.BOB;
import static com.acme.registry.promotion.GovernanceHistory.JUSTIFICATION;
import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.NOW;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.RAVI;
import static com.acme.registry.promotion.GovernanceHistory.REPORT;
import static com.acme.registry.promotion.GovernanceHistory.RITA;
import static com.acme.registry.promotion.GovernanceHistory.ROSA;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;
import static com.acme.registry.promotion.GovernanceHistory.daysBeforeNow;
import static com.acme.registry.promotion.GovernanceHistory.model;
import static com.acme.registry.promotion.GovernanceHistory.needsApproval;
import static com.acme.registry.model.Refusals.onlyViolation;
import static com.acme.registry.model.Refusals.ruleBroken;
import static com.acme.registry.model.Refusals.withDetails;
import static com.acme.registry.promotion.RiskTier.HIGH;
import static com.acme.registry.promotion.RiskTier.LOW;
import static com.acme.registry.promotion.RiskTier.MEDIUM;

/**
 * The governance rules of a registered model — promotion requests, reviews with segregation of duties, rollouts,
 * rollbacks and their acknowledgement — one given/when/then per rule and per refusal.
 */
class GovernanceTest {

    static final String COMMENT = "Evidence reviewed; fine";
    static final String REASON = "latency regression";

    private FixtureConfiguration<RegisteredModel> fixture;

    @BeforeEach
    void setUp() {
        fixture = newFixture();
    }

    /**
     * The fixture also checks that replaying the published events gives the state the command handler left
     * behind, field by field.
     */
    static FixtureConfiguration<RegisteredModel> newFixture() {
        return new AggregateTestFixture<>(RegisteredModel.class);
    }

    // ---- commands, as a configured environment would send them: production needs approval, staging does not ----

    static RequestPromotion request(int version, String environment) {
        return request(version, environment, BOB);
    }

    static RequestPromotion request(int version, String environment, String requestedBy) {
        return new RequestPromotion(MODEL, version, environment, JUSTIFICATION, REPORT, needsApproval(environment),
                ApprovalPolicy.DEFAULT, requestedBy, NOW);
    }

    static ApprovePromotion approve(int request, String reviewer) {
        return approve(request, reviewer, Set.of());
    }

    static ApprovePromotion approve(int request, String reviewer, Set<String> reviewerTokens) {
        return new ApprovePromotion(MODEL, request, COMMENT, reviewer, reviewerTokens, NOW);
    }

    static RejectPromotion reject(int request, String reviewer) {
        return new RejectPromotion(MODEL, request, "Calibration drifts on thin-file applicants", reviewer);
    }

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

    static PolicyInForce policy(RiskTier tier, boolean approvalRequired, int approvals, int days) {
        return new PolicyInForce(tier, approvalRequired, approvals, days);
    }

    // ---- expectations ----

    private ResultValidator<RegisteredModel> refusedInput(GovernanceHistory given, Object command, String field,
                                                          String messagePart) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectException(onlyViolation(field, messagePart));
    }

    private ResultValidator<RegisteredModel> refusedRule(GovernanceHistory given, Object command, String rule,
                                                         String messagePart) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectException(ruleBroken(rule, messagePart));
    }

    private ResultValidator<RegisteredModel> refusedDuty(GovernanceHistory given, Object command, String message) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(SegregationOfDutiesException.class)
                .expectException(ruleBroken("segregation-of-duties", ""))
                .expectExceptionMessage(message);
    }

    private ResultValidator<RegisteredModel> notFound(GovernanceHistory given, Object command, String message) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(NotFoundException.class)
                .expectExceptionMessage(message);
    }

    @Nested
    class Requests {

        @Test
        void stagingNeedsNoApprovalSoTheRequestIsGrantedAtOnceWithoutExpiry() {
            fixture.given(model(HIGH).versions(1).events())
                    .when(request(1, STAGING))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new PromotionRequested(MODEL, 1, 1, STAGING, JUSTIFICATION, REPORT, BOB,
                                    policy(HIGH, false, 0, 30)),
                            new PromotionGranted(MODEL, 1, 1, STAGING, null))
                    .expectResultMessagePayload(1);
        }

        @Test
        void stagingNeedsNoValidationReport() {
            fixture.given(model(HIGH).versions(1).events())
                    .when(new RequestPromotion(MODEL, 1, STAGING, JUSTIFICATION, null, false, ApprovalPolicy.DEFAULT,
                            BOB, NOW))
                    .expectEvents(
                            new PromotionRequested(MODEL, 1, 1, STAGING, JUSTIFICATION, null, BOB,
                                    policy(HIGH, false, 0, 30)),
                            new PromotionGranted(MODEL, 1, 1, STAGING, null));
        }

        @Test
        void productionOfAHighRiskModelNeedsTwoApprovalsUnderTheDefaultPolicy() {
            fixture.given(model(HIGH).versions(1).events())
                    .when(request(1, PRODUCTION))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PromotionRequested(MODEL, 1, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(HIGH, true, 2, 30)))
                    .expectResultMessagePayload(1);
        }

        @ParameterizedTest
        @EnumSource(names = {"MEDIUM", "LOW"})
        void productionOfAMediumOrLowRiskModelNeedsOneApproval(RiskTier tier) {
            fixture.given(model(tier).versions(1).events())
                    .when(request(1, PRODUCTION))
                    .expectEvents(new PromotionRequested(MODEL, 1, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(tier, true, 1, 30)));
        }

        @Test
        void aConfiguredPolicyIsRecordedAsGiven() {
            ApprovalPolicy strict = new ApprovalPolicy(Map.of(HIGH, 3, MEDIUM, 2, LOW, 1), 10);
            fixture.given(model(HIGH).versions(1).events())
                    .when(new RequestPromotion(MODEL, 1, PRODUCTION, JUSTIFICATION, REPORT, true, strict, BOB, NOW))
                    .expectEvents(new PromotionRequested(MODEL, 1, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(HIGH, true, 3, 10)));
        }

        @Test
        void requestsAreNumberedOneTwoThree() {
            fixture.given(model(HIGH).versions(3).requested(1, PRODUCTION).requested(2, PRODUCTION).events())
                    .when(request(3, PRODUCTION, ALICE))
                    .expectEvents(new PromotionRequested(MODEL, 3, 3, PRODUCTION, JUSTIFICATION, REPORT, ALICE,
                            policy(HIGH, true, 2, 30)))
                    .expectResultMessagePayload(3);
        }

        @Test
        void justificationIsRequired() {
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, PRODUCTION, "  ", REPORT, true,
                    ApprovalPolicy.DEFAULT, BOB, NOW), "justification", "is required");
        }

        @Test
        void validationReportIsRequiredWhereApprovalIsNeeded() {
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, PRODUCTION, JUSTIFICATION, null, true,
                    ApprovalPolicy.DEFAULT, BOB, NOW), "validationReportUri", "is required");
        }

        @Test
        void validationReportMustBeAnAbsoluteUri() {
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, PRODUCTION, JUSTIFICATION,
                            "reports/42.pdf", true, ApprovalPolicy.DEFAULT, BOB, NOW),
                    "validationReportUri", "must be an absolute URI with a scheme");
        }

        @Test
        void validationReportUriOver2000CharactersIsRefusedOnce() {
            String longUri = "https://validation.acme.com/" + "r".repeat(2000);
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, PRODUCTION, JUSTIFICATION, longUri,
                            true, ApprovalPolicy.DEFAULT, BOB, NOW),
                    "validationReportUri", "must be at most 2000 characters");
        }

        @Test
        void justificationOver4000CharactersIsRefused() {
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, PRODUCTION, "x".repeat(4001), REPORT,
                            true, ApprovalPolicy.DEFAULT, BOB, NOW),
                    "justification", "must be at most 4000 characters (has 4001)");
        }

        @Test
        void environmentIsRequired() {
            refusedInput(model(HIGH).versions(1), new RequestPromotion(MODEL, 1, "", JUSTIFICATION, REPORT, true,
                    ApprovalPolicy.DEFAULT, BOB, NOW), "environment", "is required");
        }

        @Test
        void retiredModelTakesNoRequests() {
            refusedRule(model(HIGH).versions(1).retired(), request(1, PRODUCTION), "model-retired",
                    "Model 'bnpl-credit-risk' is retired; a retired model cannot take promotion requests.");
        }

        @Test
        void unknownVersionIsNotFound() {
            notFound(model(HIGH).versions(1), request(7, PRODUCTION), "Model 'bnpl-credit-risk' has no version 7.");
        }

        @Test
        void archivedVersionCannotBePromoted() {
            refusedRule(model(HIGH).versions(2).archived(2), request(2, PRODUCTION), "version-archived",
                    "Version 2 of model 'bnpl-credit-risk' is archived and cannot be promoted.");
        }

        @Test
        void aSecondRequestWhileOneIsPendingIsRefused() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION), request(1, PRODUCTION, ALICE),
                    "request-open", "Request #1 for version 1 to production is still open; review or reject it first.");
        }

        @Test
        void aSecondRequestWhileOneIsGrantedAndValidIsRefused() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION), request(1, PRODUCTION), "request-granted",
                    "Request #1 for version 1 to production is granted until 2026-12-26T10:00:00Z; "
                            + "start a rollout instead.");
        }

        @Test
        void aSecondRequestWhileAGrantWithoutExpiryStandsIsRefused() {
            refusedRule(model(HIGH).versions(1).requested(1, STAGING), request(1, STAGING), "request-granted",
                    "Request #1 for version 1 to staging is granted; start a rollout instead.");
        }

        @Test
        void aNewRequestIsAcceptedAfterTheGrantExpired() {
            fixture.given(model(MEDIUM).versions(1).granted(1, PRODUCTION, daysBeforeNow(31)).events())
                    .when(request(1, PRODUCTION))
                    .expectEvents(new PromotionRequested(MODEL, 2, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(MEDIUM, true, 1, 30)))
                    .expectResultMessagePayload(2);
        }

        @Test
        void aGrantExpiresAtItsValidUntilInstant() {
            // granted exactly 30 days ago: validUntil == NOW, so it no longer counts
            fixture.given(model(MEDIUM).versions(1).granted(1, PRODUCTION, daysBeforeNow(30)).events())
                    .when(request(1, PRODUCTION))
                    .expectEvents(new PromotionRequested(MODEL, 2, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(MEDIUM, true, 1, 30)));
        }

        @Test
        void aNewRequestIsAcceptedAfterARejection() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION).rejected(1, RITA).events())
                    .when(request(1, PRODUCTION))
                    .expectEvents(new PromotionRequested(MODEL, 2, 1, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(HIGH, true, 2, 30)))
                    .expectResultMessagePayload(2);
        }

        @Test
        void aPendingRequestForAnotherEnvironmentDoesNotBlock() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION).events())
                    .when(request(1, STAGING))
                    .expectEvents(
                            new PromotionRequested(MODEL, 2, 1, STAGING, JUSTIFICATION, REPORT, BOB,
                                    policy(HIGH, false, 0, 30)),
                            new PromotionGranted(MODEL, 2, 1, STAGING, null));
        }

        @Test
        void aPendingRequestForAnotherVersionDoesNotBlock() {
            fixture.given(model(HIGH).versions(2).requested(1, PRODUCTION).events())
                    .when(request(2, PRODUCTION))
                    .expectEvents(new PromotionRequested(MODEL, 2, 2, PRODUCTION, JUSTIFICATION, REPORT, BOB,
                            policy(HIGH, true, 2, 30)));
        }

        @Test
        void aModelThatWasNeverRegisteredIsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(request(1, PRODUCTION))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Reviews {

        @Test
        void oneApprovalGrantsAMediumRiskRequestForTheValidityDays() {
            fixture.given(model(MEDIUM).versions(1).requested(1, PRODUCTION).events())
                    .when(approve(1, RITA))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(
                            new PromotionApproved(MODEL, 1, RITA, COMMENT, 1),
                            new PromotionGranted(MODEL, 1, 1, PRODUCTION, NOW.plus(30, ChronoUnit.DAYS)));
        }

        @Test
        void theFirstApprovalOfAHighRiskRequestDoesNotGrantIt() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION).events())
                    .when(approve(1, RITA))
                    .expectEvents(new PromotionApproved(MODEL, 1, RITA, COMMENT, 1));
        }

        @Test
        void theSecondApprovalByAnotherReviewerGrantsAHighRiskRequest() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, RITA).events())
                    .when(approve(1, RAVI))
                    .expectEvents(
                            new PromotionApproved(MODEL, 1, RAVI, COMMENT, 2),
                            new PromotionGranted(MODEL, 1, 1, PRODUCTION,
                                    NOW.plus(30, ChronoUnit.DAYS)));
        }

        @Test
        void theSameReviewerCannotApproveTwice() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, RITA), approve(1, RITA),
                    "already-approved", "rita approved request #1 already; has 1 (rita). "
                            + "The next approval must come from another reviewer.")
                    .expectException(org.hamcrest.Matchers.not(
                            org.hamcrest.Matchers.instanceOf(SegregationOfDutiesException.class)));
        }

        @Test
        void theRegistrantOfTheVersionCannotApproveEvenWhenSomeoneElseRequested() {
            refusedDuty(model(HIGH).versions(1).requested(1, PRODUCTION, BOB), approve(1, ALICE),
                    "alice registered version 1 and so cannot approve its promotion; another risk reviewer must.");
        }

        @Test
        void theRegistrantOfTheVersionCannotApproveTheSecondApprovalEither() {
            refusedDuty(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, RITA), approve(1, ALICE),
                    "alice registered version 1 and so cannot approve its promotion; another risk reviewer must.");
        }

        @Test
        void theRequesterCannotApprove() {
            refusedDuty(model(HIGH).versions(1).requested(1, PRODUCTION, BOB), approve(1, BOB),
                    "bob requested promotion #1 and so cannot approve it; another risk reviewer must.");
        }

        @Test
        void theRequesterWhoIsAReviewerCannotApproveEither() {
            refusedDuty(model(MEDIUM).versionBy(BOB).requested(1, PRODUCTION, RITA), approve(1, RITA),
                    "rita requested promotion #1 and so cannot approve it; another risk reviewer must.");
        }

        // an API token acts for its owner: segregation of duties treats what it did as the owner's act

        @Test
        void aReviewerCannotApproveAVersionTheirTokenRegistered() {
            refusedDuty(model(HIGH).versionBy("token:rita-pipeline").requested(1, PRODUCTION, BOB),
                    approve(1, RITA, Set.of("token:rita-pipeline")),
                    "rita registered version 1 (through the API token token:rita-pipeline acting for them) and so "
                            + "cannot approve its promotion; another risk reviewer must.");
        }

        @Test
        void aReviewerCannotApproveAPromotionTheirTokenRequested() {
            refusedDuty(model(HIGH).versions(1).requested(1, PRODUCTION, "token:ci"),
                    approve(1, RITA, Set.of("token:old-ci", "token:ci")),
                    "rita requested promotion #1 (through the API token token:ci acting for them) and so cannot "
                            + "approve it; another risk reviewer must.");
        }

        @Test
        void aTokenNamedLikeTheReviewerButOwnedBySomeoneElseIsAnotherActor() {
            // token:rita belongs to bob: rita may approve what it requested
            fixture.given(model(MEDIUM).versions(1).requested(1, PRODUCTION, "token:rita").events())
                    .when(approve(1, RITA, Set.of("token:rita-pipeline")))
                    .expectEvents(new PromotionApproved(MODEL, 1, RITA, COMMENT, 1),
                            new PromotionGranted(MODEL, 1, 1, PRODUCTION, NOW.plus(30, ChronoUnit.DAYS)));
        }

        @Test
        void anApprovalByAReviewersTokenCountsAsTheirs() {
            // a token approved before tokens lost reviewer roles; its owner cannot add the second approval
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, "token:rita-bot"),
                    approve(1, RITA, Set.of("token:rita-bot")), "already-approved",
                    "rita approved request #1 already; has 1 (token:rita-bot). "
                            + "The next approval must come from another reviewer.");
        }

        @Test
        void approvalNeedsAComment() {
            refusedInput(model(HIGH).versions(1).requested(1, PRODUCTION),
                    new ApprovePromotion(MODEL, 1, " ", RITA, Set.of(), NOW), "comment", "is required");
        }

        @Test
        void approvingAGrantedRequestIsRefused() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION), approve(1, ROSA), "request-closed",
                    "Request #1 is granted already; nothing more can be decided on it.");
        }

        @Test
        void approvingARejectedRequestIsRefused() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).rejected(1, RAVI), approve(1, RITA),
                    "request-closed", "Request #1 is rejected already; nothing more can be decided on it.");
        }

        @Test
        void rejectingAGrantedRequestIsRefused() {
            refusedRule(model(HIGH).versions(1).granted(1, PRODUCTION), reject(1, ROSA), "request-closed",
                    "Request #1 is granted already");
        }

        @Test
        void rejectingARejectedRequestIsRefused() {
            refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).rejected(1, RAVI), reject(1, RITA),
                    "request-closed", "Request #1 is rejected already");
        }

        @Test
        void approvingAnUnknownRequestIsNotFound() {
            notFound(model(HIGH).versions(1).requested(1, PRODUCTION), approve(9, RITA),
                    "Model 'bnpl-credit-risk' has no promotion request #9.");
        }

        @Test
        void rejectingAnUnknownRequestIsNotFound() {
            notFound(model(HIGH).versions(1), reject(1, RITA), "Model 'bnpl-credit-risk' has no promotion request #1.");
        }

        @Test
        void rejectionIsRecordedWithItsReason() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, RITA).events())
                    .when(reject(1, RAVI))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new PromotionRejected(MODEL, 1, RAVI, "Calibration drifts on thin-file applicants"));
        }

        @Test
        void rejectionNeedsAReason() {
            refusedInput(model(HIGH).versions(1).requested(1, PRODUCTION), new RejectPromotion(MODEL, 1, null, RITA),
                    "reason", "is required");
        }

        @Test
        void thePolicyRecordedOnTheRequestWinsOverTheTierDefault() {
            // recorded with one required approval although HIGH's default is two: one approval grants it
            fixture.given(model(HIGH).versions(1)
                            .requested(1, PRODUCTION, BOB, policy(HIGH, true, 1, 10)).events())
                    .when(approve(1, RITA))
                    .expectEvents(
                            new PromotionApproved(MODEL, 1, RITA, COMMENT, 1),
                            new PromotionGranted(MODEL, 1, 1, PRODUCTION, NOW.plus(10, ChronoUnit.DAYS)));
        }

        @Test
        void aRequestRecordedWithThreeRequiredApprovalsIsNotGrantedByTwo() {
            fixture.given(model(HIGH).versions(1)
                            .requested(1, PRODUCTION, BOB, policy(HIGH, true, 3, 30)).approved(1, RITA).events())
                    .when(approve(1, RAVI))
                    .expectEvents(new PromotionApproved(MODEL, 1, RAVI, COMMENT, 2));
        }

        @Test
        void aRequestRecordedWithThreeRequiredApprovalsIsGrantedByTheThird() {
            fixture.given(model(HIGH).versions(1).requested(1, PRODUCTION, BOB, policy(HIGH, true, 3, 30))
                            .approved(1, RITA).approved(1, RAVI).events())
                    .when(approve(1, ROSA))
                    .expectEvents(
                            new PromotionApproved(MODEL, 1, ROSA, COMMENT, 3),
                            new PromotionGranted(MODEL, 1, 1, PRODUCTION, NOW.plus(30, ChronoUnit.DAYS)));
        }
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
