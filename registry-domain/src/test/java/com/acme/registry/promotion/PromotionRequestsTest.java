package com.acme.registry.promotion;

import com.acme.registry.validation.SegregationOfDutiesException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.temporal.ChronoUnit;
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
import static com.acme.registry.promotion.RiskTier.HIGH;
import static com.acme.registry.promotion.RiskTier.LOW;
import static com.acme.registry.promotion.RiskTier.MEDIUM;

/**
 * The rules of {@link PromotionRequests}: promotion requests and their reviews with segregation of duties, one
 * given/when/then per rule and per refusal.
 */
class PromotionRequestsTest extends GovernanceRules {

    static final String COMMENT = "Evidence reviewed; fine";

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

    static PolicyInForce policy(RiskTier tier, boolean approvalRequired, int approvals, int days) {
        return new PolicyInForce(tier, approvalRequired, approvals, days);
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
}
