package com.acme.registry.model;

import com.acme.registry.promotion.GovernanceHistory;
import com.acme.registry.promotion.GovernanceRules;
import com.acme.registry.promotion.RiskTier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static com.acme.registry.promotion.GovernanceHistory.MODEL;
import static com.acme.registry.promotion.GovernanceHistory.PRODUCTION;
import static com.acme.registry.promotion.GovernanceHistory.STAGING;

/** Tags, descriptions and free aliases: set beside the registered facts, never changing the evidence. */
class LabelsTest extends GovernanceRules {

    private static GovernanceHistory model() {
        return GovernanceHistory.model(RiskTier.HIGH).versions(2);
    }

    /** A version registered with an evidence tag {@code stage=candidate}. */
    private static GovernanceHistory withEvidenceTag() {
        GovernanceHistory history = GovernanceHistory.model(RiskTier.HIGH);
        VersionEvidence base = GovernanceHistory.evidence(1);
        return history.then(new ModelVersionRegistered(MODEL, 1, new VersionEvidence(base.artifactUri(),
                base.artifactDigest(), null, base.framework(), null, null, null, null, null, null, null, null, null,
                java.util.Map.of("stage", "candidate")), GovernanceHistory.ALICE));
    }

    @Nested
    class ModelTags {

        @Test
        void aTagIsSetThenReplacedThenRemoved() {
            fixture.given(model().events())
                    .when(new SetModelTag(MODEL, "team.channel", "#credit"))
                    .expectEvents(new ModelTagSet(MODEL, "team.channel", "#credit"));
            fixture.given(model().then(new ModelTagSet(MODEL, "team.channel", "#credit")).events())
                    .when(new DeleteModelTag(MODEL, "team.channel"))
                    .expectEvents(new ModelTagDeleted(MODEL, "team.channel"));
        }

        @Test
        void settingTheSameValueChangesNothing() {
            fixture.given(model().then(new ModelTagSet(MODEL, "k", "v")).events())
                    .when(new SetModelTag(MODEL, "k", "v"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void registryKeysAreReserved() {
            refusedInput(model(), new SetModelTag(MODEL, "registry.framework", "onnx"), "key", "must not start with");
        }

        @Test
        void aMissingTagCannotBeRemoved() {
            notFound(model(), new DeleteModelTag(MODEL, "nope"), "Model 'bnpl-credit-risk' has no tag 'nope'.");
        }

        @Test
        void aTagNeedsAKeyAndAValue() {
            refusedInput(model(), new SetModelTag(MODEL, " ", "v"), "key", "is required");
            refusedInput(model(), new SetModelTag(MODEL, "k", null), "value", "is required");
            refusedInput(model(), new SetModelTag(MODEL, "k", "x".repeat(1001)), "value", "at most 1000");
        }

        @Test
        void theDescriptionChangesAndABlankOneRemovesIt() {
            fixture.given(model().events())
                    .when(new ChangeModelDescription(MODEL, "  "))
                    .expectEvents(new ModelDescriptionChanged(MODEL, null));
            fixture.given(model().events())
                    .when(new ChangeModelDescription(MODEL, "Buy-now-pay-later credit risk"))
                    .expectNoEvents();
        }
    }

    @Nested
    class VersionTags {

        @Test
        void aTagBesideTheEvidenceIsSetAndRemoved() {
            fixture.given(withEvidenceTag().events())
                    .when(new SetVersionTag(MODEL, 1, "validation_status", "passed"))
                    .expectEvents(new VersionTagSet(MODEL, 1, "validation_status", "passed"));
            fixture.given(withEvidenceTag().then(new VersionTagSet(MODEL, 1, "validation_status", "passed")).events())
                    .when(new DeleteVersionTag(MODEL, 1, "validation_status"))
                    .expectEvents(new VersionTagDeleted(MODEL, 1, "validation_status"));
        }

        @Test
        void theEvidenceTagsNeverChange() {
            refusedRule(withEvidenceTag(), new SetVersionTag(MODEL, 1, "stage", "approved"), "evidence-immutable",
                    "Tag 'stage' of version 1");
            refusedRule(withEvidenceTag(), new DeleteVersionTag(MODEL, 1, "stage"), "evidence-immutable",
                    "registered with its evidence");
        }

        @Test
        void anUnknownVersionIsNotFound() {
            notFound(model(), new SetVersionTag(MODEL, 9, "k", "v"), "Model 'bnpl-credit-risk' has no version 9.");
        }

        @Test
        void theDescriptionChangesUntilTheVersionGoesUpForApproval() {
            fixture.given(model().requested(1, STAGING).events())
                    .when(new ChangeVersionDescription(MODEL, 1, "calibrated"))
                    .expectEvents(new VersionDescriptionChanged(MODEL, 1, "calibrated"));
            refusedRule(model().requested(1, PRODUCTION), new ChangeVersionDescription(MODEL, 1, "calibrated"),
                    "version-under-approval", "can no longer change");
        }
    }

    @Nested
    class Aliases {

        @Test
        void anAliasPointsAtAVersionAndMoves() {
            fixture.given(model().events())
                    .when(new SetModelAlias(MODEL, "challenger", 1))
                    .expectEvents(new ModelAliasSet(MODEL, "challenger", 1));
            fixture.given(model().then(new ModelAliasSet(MODEL, "challenger", 1)).events())
                    .when(new SetModelAlias(MODEL, "challenger", 2))
                    .expectEvents(new ModelAliasSet(MODEL, "challenger", 2));
            fixture.given(model().then(new ModelAliasSet(MODEL, "challenger", 1)).events())
                    .when(new SetModelAlias(MODEL, "challenger", 1))
                    .expectNoEvents();
        }

        @Test
        void removingNamesTheVersionItPointedAt() {
            fixture.given(model().then(new ModelAliasSet(MODEL, "challenger", 2)).events())
                    .when(new DeleteModelAlias(MODEL, "challenger"))
                    .expectEvents(new ModelAliasDeleted(MODEL, "challenger", 2));
            notFound(model(), new DeleteModelAlias(MODEL, "challenger"), "Model 'bnpl-credit-risk' has no alias 'challenger'.");
        }

        @Test
        void namesThatLookLikeVersionsAreRefused() {
            refusedInput(model(), new SetModelAlias(MODEL, "latest", 1), "alias", "must not be 'latest'");
            refusedInput(model(), new SetModelAlias(MODEL, "v3", 1), "alias", "look like a version");
            refusedInput(model(), new SetModelAlias(MODEL, "a b", 1), "alias", "letters, digits");
        }

        @Test
        void anArchivedVersionTakesNoAliasAndLosesItsAliases() {
            refusedRule(model().archived(1), new SetModelAlias(MODEL, "challenger", 1), "version-archived",
                    "cannot take an alias");
            fixture.given(model().then(new ModelAliasSet(MODEL, "challenger", 1))
                            .then(new ModelAliasSet(MODEL, "other", 2)).events())
                    .when(new ArchiveModelVersion(MODEL, 1, "miscalibrated"))
                    .expectEvents(new ModelAliasDeleted(MODEL, "challenger", 1),
                            new ModelVersionArchived(MODEL, 1, "miscalibrated"));
        }

        @Test
        void aRetiredModelTakesNoAlias() {
            refusedRule(model().retired(), new SetModelAlias(MODEL, "challenger", 1), "model-retired", "take aliases");
        }
    }
}
