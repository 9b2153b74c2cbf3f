package com.acme.registry.model;

import com.acme.registry.promotion.RiskTier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freezes the stored JSON shape of every event: stored events are data, so a change of shape must be a
 * deliberate new revision (with an upcaster), never an accident. Fixtures: {@code src/test/resources/events}.
 */
class EventJsonShapeTest {

    /** Configured like Axon's JacksonSerializer default mapper, plus the modules on the classpath. */
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    static Stream<ModelEvent> events() {
        VersionEvidence evidence = new VersionEvidence(
                "s3://models/credit-default-pd/2/model.onnx",
                "sha256:" + "0123456789abcdef".repeat(4),
                1_048_576L,
                "onnx",
                new Signature(
                        List.of(new SignatureField("income", "double"), new SignatureField("age", "int")),
                        List.of(new SignatureField("pd", "double"))),
                Map.of("auc", 0.91, "ks", 0.47),
                Map.of("max_depth", "6"),
                new TrainingRun("run-42", "https://mlflow.acme.com/runs/42"),
                new SourceRef("https://git.acme.com/credit/pd", "3f2a9c1"),
                List.of(new DatasetRef("loans-2024", "3", "s3://datasets/loans-2024/v3",
                                "sha256:" + "fedcba9876543210".repeat(4), "training"),
                        new DatasetRef("loans-2024-holdout", null, null, null, "test")),
                List.of("income", "age"),
                1,
                "Retrained on 2024 data",
                Map.of("stage", "candidate"));
        return Stream.of(
                new ModelRegistered("credit-default-pd",
                        new ModelDescription("Probability of default for retail loans", "credit-risk", RiskTier.HIGH,
                                "Retail credit decisioning", null, Map.of("domain", "retail", "regulator", "ecb")),
                        "alice@acme.com"),
                new ModelVersionRegistered("credit-default-pd", 2, evidence, "bob@acme.com"),
                new ModelRetired("credit-default-pd", "Replaced by credit-default-pd-2"),
                new ModelVersionArchived("credit-default-pd", 2, "Miscalibrated on 2025 applications"),
                new ModelTagSet("credit-default-pd", "team.channel", "#credit-risk"),
                new ModelTagDeleted("credit-default-pd", "team.channel"),
                new ModelDescriptionChanged("credit-default-pd", "Probability of default for retail loans, 12-month horizon"),
                new VersionTagSet("credit-default-pd", 2, "validation_status", "passed"),
                new VersionTagDeleted("credit-default-pd", 2, "validation_status"),
                new VersionDescriptionChanged("credit-default-pd", 2, "Retrained on 2024 data with the new bureau features"),
                new VersionEvidenceCompleted("credit-default-pd", 2, "sha256:" + "0123456789abcdef".repeat(4), "onnx"),
                new ModelAliasSet("credit-default-pd", "champion-candidate", 2),
                new ModelAliasDeleted("credit-default-pd", "champion-candidate", 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serializesToTheFrozenShape(ModelEvent event) throws IOException {
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(event));

        assertThat(actual).isEqualTo(fixture(event.getClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void deserializesFromTheFrozenShape(ModelEvent event) throws IOException {
        try (InputStream json = fixtureStream(event.getClass())) {
            assertThat(MAPPER.readValue(json, event.getClass())).isEqualTo(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void carriesRevision1(ModelEvent event) {
        Revision revision = event.getClass().getAnnotation(Revision.class);

        assertThat(revision).as("@Revision on %s", event.getClass().getSimpleName()).isNotNull();
        assertThat(revision.value()).isEqualTo("1");
    }

    @Test
    void everyEventHasAFrozenShape() {
        Class<?>[] permitted = ModelEvent.class.getPermittedSubclasses();

        assertThat(events().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(permitted));
    }

    private static JsonNode fixture(Class<?> eventClass) throws IOException {
        try (InputStream json = fixtureStream(eventClass)) {
            return MAPPER.readTree(json);
        }
    }

    private static InputStream fixtureStream(Class<?> eventClass) {
        String path = "/events/" + eventClass.getSimpleName() + ".v1.json";
        InputStream json = EventJsonShapeTest.class.getResourceAsStream(path);
        assertThat(json).as("fixture %s", path).isNotNull();
        return json;
    }
}
