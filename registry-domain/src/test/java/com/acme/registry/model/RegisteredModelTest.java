package com.acme.registry.model;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static com.acme.registry.model.Refusals.onlyViolation;
import static com.acme.registry.model.Refusals.ruleBroken;
import static com.acme.registry.model.Refusals.violationsOn;
import static com.acme.registry.model.TestData.NAME;
import static com.acme.registry.model.TestData.USER;
import static com.acme.registry.model.TestData.dataset;
import static com.acme.registry.model.TestData.evidence;
import static com.acme.registry.model.TestData.modelRegistered;
import static com.acme.registry.model.TestData.registerModel;
import static com.acme.registry.model.TestData.registerVersion;
import static com.acme.registry.model.TestData.versionRegistered;
import static org.hamcrest.Matchers.containsString;

class RegisteredModelTest {

    private FixtureConfiguration<RegisteredModel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RegisteredModel.class);
    }

    private void refusedInput(RegisterModel command, String field, String messagePart) {
        fixture.givenNoPriorActivity()
                .when(command)
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectException(onlyViolation(field, messagePart));
    }

    private void refusedInput(RegisterModelVersion command, String field, String messagePart) {
        fixture.given(modelRegistered())
                .when(command)
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectException(onlyViolation(field, messagePart));
    }

    private void acceptedVersion(RegisterModelVersion command) {
        fixture.given(modelRegistered())
                .when(command)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ModelVersionRegistered(NAME, 1, command.evidence(), USER))
                .expectResultMessagePayload(1);
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> map = new HashMap<>();
        IntStream.range(0, count).forEach(i -> map.put("k" + i, "v"));
        return map;
    }

    @Nested
    class ModelName {

        @Test
        void validSlugIsRegistered() {
            fixture.givenNoPriorActivity()
                    .when(registerModel(NAME))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModelRegistered(NAME, TestData.description(), USER));
        }

        @Test
        void slugOfTwoCharactersIsRegistered() {
            fixture.givenNoPriorActivity()
                    .when(registerModel("a1"))
                    .expectEvents(new ModelRegistered("a1", TestData.description(), USER));
        }

        @Test
        void slugOfSixtyThreeCharactersIsRegistered() {
            String longest = "m" + "-0".repeat(31);
            fixture.givenNoPriorActivity()
                    .when(registerModel(longest))
                    .expectEvents(new ModelRegistered(longest, TestData.description(), USER));
        }

        @Test
        void uppercaseIsRefused() {
            refusedInput(registerModel("Credit-PD"), "name", "lowercase slug");
        }

        @Test
        void oneCharacterIsTooShort() {
            refusedInput(registerModel("a"), "name", "2-63 characters");
        }

        @Test
        void sixtyFourCharactersIsTooLong() {
            refusedInput(registerModel("a".repeat(64)), "name", "2-63 characters");
        }

        @Test
        void leadingDashIsRefused() {
            refusedInput(registerModel("-credit-pd"), "name", "starting with a letter or digit");
        }

        @Test
        void nameTakenIsRefused() {
            fixture.given(modelRegistered())
                    .when(registerModel(NAME))
                    .expectNoEvents()
                    .expectException(RuleViolationException.class)
                    .expectException(ruleBroken("model-name-taken", "'" + NAME + "'"));
        }

        @Test
        void nameOfRetiredModelIsNeverReused() {
            fixture.given(modelRegistered(), new ModelRetired(NAME, "replaced by credit-default-pd-2"))
                    .when(registerModel(NAME))
                    .expectNoEvents()
                    .expectException(RuleViolationException.class)
                    .expectException(ruleBroken("model-name-taken", "also after retirement"));
        }
    }

    @Nested
    class ModelDescriptionRules {

        @Test
        void ownerTeamIsRequired() {
            refusedInput(registerModel(d -> d.ownerTeam(" ")), "ownerTeam", "is required");
        }

        @Test
        void intendedUseIsRequired() {
            refusedInput(registerModel(d -> d.intendedUse(null)), "intendedUse", "is required");
        }

        @Test
        void riskTierIsRequired() {
            refusedInput(registerModel(d -> d.riskTier(null)), "riskTier", "is required");
        }

        @Test
        void descriptionOver4000CharactersIsRefused() {
            refusedInput(registerModel(d -> d.description("x".repeat(4001))), "description", "at most 4000 characters");
        }

        @Test
        void moreThan200TagsAreRefused() {
            refusedInput(registerModel(d -> d.tags(entries(201))), "tags", "at most 200 entries");
        }

        @Test
        void allViolationsAreReportedAtOnce() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterModel("Bad Name",
                            new ModelDescription(null, null, null, "", null, null), USER))
                    .expectNoEvents()
                    .expectException(InvalidInputException.class)
                    .expectException(violationsOn("name", "ownerTeam", "riskTier", "intendedUse"));
        }
    }

    @Nested
    class Artifact {

        @Test
        void validEvidenceIsRegisteredAsVersion1() {
            acceptedVersion(registerVersion(e -> e));
        }

        @Test
        void digestIsRequired() {
            refusedInput(registerVersion(e -> e.artifactDigest(null)), "artifactDigest", "is required");
        }

        @Test
        void digestWithWrongPrefixIsRefused() {
            refusedInput(registerVersion(e -> e.artifactDigest("md5:" + "0123456789abcdef".repeat(4))),
                    "artifactDigest", "'sha256:' followed by 64 lowercase hex");
        }

        @Test
        void digestOf63HexCharactersIsRefused() {
            refusedInput(registerVersion(e -> e.artifactDigest("sha256:" + "a".repeat(63))),
                    "artifactDigest", "'sha256:' followed by 64 lowercase hex");
        }

        @Test
        void uppercaseDigestIsRefused() {
            refusedInput(registerVersion(e -> e.artifactDigest("sha256:" + "0123456789ABCDEF".repeat(4))),
                    "artifactDigest", "'sha256:' followed by 64 lowercase hex");
        }

        @Test
        void uriIsRequired() {
            refusedInput(registerVersion(e -> e.artifactUri(null)), "artifactUri", "is required");
        }

        @Test
        void uriWithSpacesIsRefused() {
            refusedInput(registerVersion(e -> e.artifactUri("not a uri")), "artifactUri", "is not a valid URI");
        }

        @Test
        void relativeUriIsRefused() {
            refusedInput(registerVersion(e -> e.artifactUri("relative/path")), "artifactUri", "absolute URI");
        }

        @Test
        void uriWithBadHostIsRefused() {
            refusedInput(registerVersion(e -> e.artifactUri("http://bad host")), "artifactUri", "is not a valid URI");
        }
    }

    @Nested
    class Lineage {

        @Test
        void trainingRunUriMustParse() {
            refusedInput(registerVersion(e -> e.trainingRun(new TrainingRun("run-42", "not a uri"))),
                    "trainingRun.uri", "is not a valid URI");
        }

        @Test
        void datasetUriMustParse() {
            DatasetRef relative = new DatasetRef("loans", "1", "relative/path", null, "test");
            refusedInput(registerVersion(e -> e.datasets(List.of(dataset("training"), relative))),
                    "datasets[1].uri", "absolute URI");
        }

        @Test
        void datasetRoleMustBeTrainingValidationOrTest() {
            refusedInput(registerVersion(e -> e.datasets(List.of(dataset("train")))),
                    "datasets[0].role", "one of training, validation, test");
        }

        @Test
        void datasetRoleIsRequired() {
            refusedInput(registerVersion(e -> e.datasets(List.of(dataset("validation"), dataset(null)))),
                    "datasets[1].role", "one of training, validation, test");
        }

        @Test
        void sourceCommitMustBeLowercaseHex() {
            refusedInput(registerVersion(e -> e.source(new SourceRef("https://git.acme.com/credit/pd", "3F2A9C1"))),
                    "source.commit", "7 to 64 lowercase hex");
        }

        @Test
        void sourceCommitMustBeHex() {
            refusedInput(registerVersion(e -> e.source(new SourceRef("https://git.acme.com/credit/pd", "main"))),
                    "source.commit", "commit SHA");
        }
    }

    @Nested
    class Metrics {

        @Test
        void nanIsRefused() {
            refusedInput(registerVersion(e -> e.metric("gini", Double.NaN)), "metrics.gini", "finite number");
        }

        @Test
        void positiveInfinityIsRefused() {
            refusedInput(registerVersion(e -> e.metric("gini", Double.POSITIVE_INFINITY)), "metrics.gini",
                    "finite number");
        }

        @Test
        void nullIsRefused() {
            refusedInput(registerVersion(e -> e.metric("gini", null)), "metrics.gini", "finite number");
        }
    }

    @Nested
    class ParentVersion {

        @Test
        void refusedWhenModelHasNoVersions() {
            refusedInput(registerVersion(e -> e.parentVersion(1)), "parentVersion", "no versions yet");
        }

        @Test
        void refusedWhenHigherThanLatest() {
            fixture.given(modelRegistered(), versionRegistered(1), versionRegistered(2))
                    .when(registerVersion(e -> e.parentVersion(3)))
                    .expectNoEvents()
                    .expectException(InvalidInputException.class)
                    .expectException(onlyViolation("parentVersion", "versions 1 to 2"));
        }

        @Test
        void acceptedWhenExisting() {
            RegisterModelVersion command = registerVersion(e -> e.parentVersion(1));
            fixture.given(modelRegistered(), versionRegistered(1), versionRegistered(2))
                    .when(command)
                    .expectEvents(new ModelVersionRegistered(NAME, 3, command.evidence(), USER))
                    .expectResultMessagePayload(3);
        }
    }

    @Nested
    class Bounds {

        @Test
        void artifactUriOver2000CharactersIsRefusedOnce() {
            refusedInput(registerVersion(e -> e.artifactUri("s3://models/" + "k".repeat(2000))), "artifactUri",
                    "must be at most 2000 characters");
        }

        @Test
        void descriptionOver4000CharactersIsRefused() {
            refusedInput(registerVersion(e -> e.description("x".repeat(4001))), "description",
                    "at most 4000 characters (has 4001)");
        }

        @Test
        void descriptionOf4000CharactersIsAccepted() {
            acceptedVersion(registerVersion(e -> e.description("x".repeat(4000))));
        }

        @Test
        void moreThan200TagsAreRefused() {
            refusedInput(registerVersion(e -> e.tags(entries(201))), "tags", "at most 200 entries (has 201)");
        }

        @Test
        void moreThan2000FeaturesAreRefused() {
            List<String> features = IntStream.range(0, 2001).mapToObj(i -> "f" + i).toList();
            refusedInput(registerVersion(e -> e.features(features)), "features", "at most 2000 entries (has 2001)");
        }

        @Test
        void moreThan100DatasetsAreRefused() {
            List<DatasetRef> datasets = Collections.nCopies(101, dataset("training"));
            refusedInput(registerVersion(e -> e.datasets(datasets)), "datasets", "at most 100 entries (has 101)");
        }
    }

    @Test
    void allViolationsOfEvidenceAreReportedAtOnce() {
        fixture.given(modelRegistered())
                .when(registerVersion(e -> e.artifactUri(null)
                        .artifactDigest("sha256:ABC")
                        .framework("")
                        .metric("auc", Double.NaN)
                        .datasets(List.of(dataset("training"), dataset("holdout")))
                        .source(new SourceRef("https://git.acme.com/credit/pd", "xyz"))))
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectException(violationsOn("artifactUri", "artifactDigest", "framework", "metrics.auc",
                        "datasets[1].role", "source.commit"));
    }

    @Nested
    class VersionNumbers {

        @Test
        void nextVersionAfterTwoIsThree() {
            RegisterModelVersion command = registerVersion(e -> e);
            fixture.given(modelRegistered(), versionRegistered(1), versionRegistered(2))
                    .when(command)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModelVersionRegistered(NAME, 3, command.evidence(), USER))
                    .expectResultMessagePayload(3);
        }

        @Test
        void archivedVersionsStillCount() {
            RegisterModelVersion command = registerVersion(e -> e);
            fixture.given(modelRegistered(), versionRegistered(1), new ModelVersionArchived(NAME, 1, "bad"))
                    .when(command)
                    .expectEvents(new ModelVersionRegistered(NAME, 2, command.evidence(), USER))
                    .expectResultMessagePayload(2);
        }
    }

    @Nested
    class Retirement {

        @Test
        void activeModelIsRetired() {
            fixture.given(modelRegistered())
                    .when(new RetireModel(NAME, "replaced by credit-default-pd-2"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModelRetired(NAME, "replaced by credit-default-pd-2"));
        }

        @Test
        void retiredModelRefusesNewVersions() {
            fixture.given(modelRegistered(), versionRegistered(1), new ModelRetired(NAME, "replaced"))
                    .when(registerVersion(e -> e))
                    .expectNoEvents()
                    .expectException(RuleViolationException.class)
                    .expectException(ruleBroken("model-retired", "cannot register a new version"));
        }

        @Test
        void retiredModelRefusesRetiringAgain() {
            fixture.given(modelRegistered(), new ModelRetired(NAME, "replaced"))
                    .when(new RetireModel(NAME, "again"))
                    .expectNoEvents()
                    .expectException(RuleViolationException.class)
                    .expectException(ruleBroken("model-retired", "cannot retire it"));
        }

        @Test
        void retiringRequiresReason() {
            fixture.given(modelRegistered())
                    .when(new RetireModel(NAME, "  "))
                    .expectNoEvents()
                    .expectException(InvalidInputException.class)
                    .expectException(onlyViolation("reason", "is required"));
        }
    }

    @Nested
    class Archiving {

        @Test
        void versionIsArchived() {
            fixture.given(modelRegistered(), versionRegistered(1), versionRegistered(2))
                    .when(new ArchiveModelVersion(NAME, 2, "miscalibrated"))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ModelVersionArchived(NAME, 2, "miscalibrated"));
        }

        @Test
        void archivingTwiceIsRefused() {
            fixture.given(modelRegistered(), versionRegistered(1), new ModelVersionArchived(NAME, 1, "miscalibrated"))
                    .when(new ArchiveModelVersion(NAME, 1, "again"))
                    .expectNoEvents()
                    .expectException(RuleViolationException.class)
                    .expectException(ruleBroken("version-archived", "Version 1 of model '" + NAME + "'"));
        }

        @Test
        void unknownVersionIsNotFound() {
            fixture.given(modelRegistered(), versionRegistered(1))
                    .when(new ArchiveModelVersion(NAME, 5, "miscalibrated"))
                    .expectNoEvents()
                    .expectException(NotFoundException.class)
                    .expectExceptionMessage(containsString("has no version 5"));
        }

        @Test
        void archivingRequiresReason() {
            fixture.given(modelRegistered(), versionRegistered(1))
                    .when(new ArchiveModelVersion(NAME, 1, null))
                    .expectNoEvents()
                    .expectException(InvalidInputException.class)
                    .expectException(onlyViolation("reason", "is required"));
        }
    }

    @Nested
    class NeverRegistered {

        @Test
        void registeringVersionIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(registerVersion(e -> e))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void retiringIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RetireModel(NAME, "obsolete"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }

        @Test
        void archivingIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new ArchiveModelVersion(NAME, 1, "obsolete"))
                    .expectNoEvents()
                    .expectException(AggregateNotFoundException.class);
        }
    }
}
