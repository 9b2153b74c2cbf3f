package com.acme.registry.model;

import com.acme.registry.promotion.ApprovalPolicy;
import com.acme.registry.promotion.GovernanceHistory;
import com.acme.registry.promotion.GovernanceRules;
import com.acme.registry.promotion.PromotionGranted;
import com.acme.registry.promotion.RequestPromotion;
import com.acme.registry.promotion.RiskTier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.acme.registry.promotion.GovernanceHistory.ALICE;
import static com.acme.registry.promotion.GovernanceHistory.BOB;
import static com.acme.registry.promotion.GovernanceHistory.JUSTIFICATION;
import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.NOW;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.REPORT;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;
import static com.acme.registry.promotion.GovernanceHistory.defaultPolicy;

/** A version registered without its digest and framework (MLflow's client sends neither), and how it is completed. */
class IncompleteEvidenceTest extends GovernanceRules {

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    private static VersionEvidence partial() {
        return new VersionEvidence("s3://models/bnpl/1", null, null, null, null, null, null,
                new TrainingRun("run-7", null), null, null, null, null, null, null);
    }

    private static GovernanceHistory incomplete() {
        return GovernanceHistory.model(RiskTier.MEDIUM)
                .then(new ModelVersionRegistered(MODEL, 1, partial(), ALICE));
    }

    private static RequestPromotion request(String environment, boolean approvalRequired) {
        return new RequestPromotion(MODEL, 1, environment, JUSTIFICATION, approvalRequired ? REPORT : null,
                approvalRequired, ApprovalPolicy.DEFAULT, BOB, NOW);
    }

    @Test
    void aVersionMayBeRegisteredWithoutDigestAndFrameworkOnlyWhenTheDoorSaysSo() {
        fixture.given(GovernanceHistory.model(RiskTier.MEDIUM).events())
                .when(new RegisterModelVersion(MODEL, partial(), ALICE, false))
                .expectEvents(new ModelVersionRegistered(MODEL, 1, partial(), ALICE));
        fixture.given(GovernanceHistory.model(RiskTier.MEDIUM).events())
                .when(new RegisterModelVersion(MODEL, partial(), ALICE))
                .expectNoEvents()
                .expectException(com.acme.registry.validation.InvalidInputException.class);
    }

    @Test
    void whatIsGivenIsStillChecked() {
        VersionEvidence badDigest = new VersionEvidence("s3://models/bnpl/1", "md5:abc", null, null, null, null,
                null, null, null, null, null, null, null, null);
        fixture.given(GovernanceHistory.model(RiskTier.MEDIUM).events())
                .when(new RegisterModelVersion(MODEL, badDigest, ALICE, false))
                .expectNoEvents()
                .expectException(Refusals.onlyViolation("artifactDigest", "sha256:"));
    }

    @Test
    void anIncompleteVersionCannotBeRequestedWhereApprovalIsNeeded() {
        refusedRule(incomplete(), request(PRODUCTION, true), "evidence-incomplete",
                "registered without its artifactDigest and framework");
    }

    @Test
    void anIncompleteVersionMayGoWhereNoApprovalIsNeeded() {
        fixture.given(incomplete().events())
                .when(request(STAGING, false))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new com.acme.registry.promotion.PromotionRequested(MODEL, 1, 1, STAGING, JUSTIFICATION,
                                null, BOB, defaultPolicy(RiskTier.MEDIUM, STAGING)),
                        new PromotionGranted(MODEL, 1, 1, STAGING, null));
    }

    @Test
    void completedEvidenceLetsTheRequestThrough() {
        fixture.given(incomplete().then(new VersionEvidenceCompleted(MODEL, 1, DIGEST, "sklearn")).events())
                .when(request(PRODUCTION, true))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void eachFieldIsSuppliedOnceAndNeverReplaced() {
        fixture.given(incomplete().events())
                .when(new CompleteVersionEvidence(MODEL, 1, DIGEST, null))
                .expectEvents(new VersionEvidenceCompleted(MODEL, 1, DIGEST, null));
        fixture.given(incomplete().then(new VersionEvidenceCompleted(MODEL, 1, DIGEST, null)).events())
                .when(new CompleteVersionEvidence(MODEL, 1, DIGEST, "sklearn"))
                .expectEvents(new VersionEvidenceCompleted(MODEL, 1, null, "sklearn"));
        fixture.given(incomplete().then(new VersionEvidenceCompleted(MODEL, 1, DIGEST, "sklearn")).events())
                .when(new CompleteVersionEvidence(MODEL, 1, DIGEST, "sklearn"))
                .expectNoEvents();
        refusedRule(incomplete().then(new VersionEvidenceCompleted(MODEL, 1, DIGEST, null)),
                new CompleteVersionEvidence(MODEL, 1, "sha256:" + "f".repeat(64), null), "evidence-immutable",
                "registered evidence never changes");
    }

    @Test
    void aFullyRegisteredVersionsEvidenceCannotBeReplaced() {
        refusedRule(GovernanceHistory.model(RiskTier.MEDIUM).versions(1),
                new CompleteVersionEvidence(MODEL, 1, null, "pytorch"), "evidence-immutable", "framework (onnx)");
    }

    @Test
    void completionNeedsSomethingValid() {
        refusedInput(incomplete(), new CompleteVersionEvidence(MODEL, 1, null, null), "artifactDigest", "is required");
        refusedInput(incomplete(), new CompleteVersionEvidence(MODEL, 1, "sha256:xyz", null), "artifactDigest",
                "64 lowercase hex");
    }

    @Test
    void theMissingFieldsAreInTheRefusalsDetails() {
        fixture.given(incomplete().events())
                .when(request(PRODUCTION, true))
                .expectException(Refusals.withDetails(java.util.Map.of("missing", List.of("artifactDigest", "framework"))));
    }
}
