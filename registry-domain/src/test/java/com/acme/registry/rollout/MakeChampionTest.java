package com.acme.registry.rollout;

import com.acme.registry.promotion.GovernanceRules;
import org.junit.jupiter.api.Test;

import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.NOW;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;
import static com.acme.registry.promotion.GovernanceHistory.model;
import static com.acme.registry.promotion.GovernanceHistory.needsApproval;
import static com.acme.registry.promotion.RiskTier.HIGH;

/** Setting what serves in one step: a rollout at 100 % and its completion, under every rule of a rollout. */
class MakeChampionTest extends GovernanceRules {

    private static MakeChampion makeChampion(String environment, int version) {
        return new MakeChampion(MODEL, environment, version, needsApproval(environment), NOW);
    }

    @Test
    void stagingTakesAVersionInOneDecision() {
        fixture.given(model(HIGH).versions(2).championWithoutApproval(STAGING, 1).events())
                .when(makeChampion(STAGING, 2))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RolloutStarted(MODEL, STAGING, 2, 100, null, 1),
                        new RolloutCompleted(MODEL, STAGING, 2, 1))
                .expectResultMessagePayload(true);
    }

    @Test
    void productionNeedsAValidGrant() {
        refusedRule(model(HIGH).versions(1), makeChampion(PRODUCTION, 1), "not-approved",
                "has no promotion request for production");
        refusedRule(model(HIGH).versions(1).requested(1, PRODUCTION).approved(1, "rita"), makeChampion(PRODUCTION, 1),
                "not-approved", "needs 2 approvals from distinct risk reviewers");
    }

    @Test
    void aGrantedVersionBecomesProductionsChampionCarryingTheRequest() {
        fixture.given(model(HIGH).versions(1).granted(1, PRODUCTION).events())
                .when(makeChampion(PRODUCTION, 1))
                .expectEvents(new RolloutStarted(MODEL, PRODUCTION, 1, 100, 1, null),
                        new RolloutCompleted(MODEL, PRODUCTION, 1, null));
    }

    @Test
    void theChampionAgainChangesNothing() {
        fixture.given(model(HIGH).versions(1).championWithoutApproval(STAGING, 1).events())
                .when(makeChampion(STAGING, 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void aRolloutInProgressIsNotOverruled() {
        refusedRule(model(HIGH).versions(2).rolloutStarted(STAGING, 1, 10), makeChampion(STAGING, 2),
                "rollout-in-progress", "complete or abort that rollout first");
    }

    @Test
    void anArchivedVersionNeverServes() {
        refusedRule(model(HIGH).versions(1).archived(1), makeChampion(STAGING, 1), "version-archived",
                "cannot be rolled out");
    }
}
