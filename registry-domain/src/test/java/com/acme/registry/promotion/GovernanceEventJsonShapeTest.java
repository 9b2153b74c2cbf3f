package com.acme.registry.promotion;

import com.acme.registry.rollout.RolloutEvent;

import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolledBack;
import com.acme.registry.rollout.RolloutAborted;
import com.acme.registry.rollout.RolloutCompleted;
import com.acme.registry.rollout.RolloutStarted;
import com.acme.registry.rollout.RolloutTrafficChanged;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freezes the stored JSON shape of every governance event (fixtures: {@code src/test/resources/events}), as
 * {@code model.EventJsonShapeTest} does for the model's events. Stored events are data: a change of shape must be a
 * deliberate new revision with an upcaster.
 */
class GovernanceEventJsonShapeTest {

    /**
     * Configured like registry-api's {@code defaultAxonObjectMapper} (AxonStorageConfiguration), which stores the
     * events: Instants as ISO-8601 strings, not numbers. Unknown properties fail here so a fixture cannot carry a
     * field the event does not have.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final String MODEL = "bnpl-credit-risk";

    static Stream<Record> events() {
        return Stream.of(
                new PromotionRequested(MODEL, 3, 2, "production", "AUC +0.02 on the 2025 holdout; PSI stable",
                        "https://validation.acme.com/reports/bnpl-credit-risk/2", "bob",
                        new PolicyInForce(RiskTier.HIGH, true, 2, 30)),
                new PromotionApproved(MODEL, 3, "rita", "Evidence reviewed; calibration fine", 1),
                new PromotionGranted(MODEL, 3, 2, "production", Instant.parse("2026-12-27T10:00:00Z")),
                new PromotionRejected(MODEL, 4, "ravi", "Calibration drifts on thin-file applicants"),
                new RolloutStarted(MODEL, "production", 2, 10, 3, 1),
                new RolloutTrafficChanged(MODEL, "production", 2, 50),
                new RolloutCompleted(MODEL, "production", 2, 1),
                new RolloutAborted(MODEL, "staging", 3, "error rate above budget"),
                new RolledBack(MODEL, "production", 1, 1, 2, "latency regression", "bob", true),
                new RollbackAcknowledged(MODEL, 1, "rita", "Checked the incident; restoring version 1 was right"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serializesToTheFrozenShape(Record event) throws IOException {
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(event));

        assertThat(actual).isEqualTo(fixture(event.getClass()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void deserializesFromTheFrozenShape(Record event) throws IOException {
        try (InputStream json = fixtureStream(event.getClass())) {
            assertThat(MAPPER.readValue(json, event.getClass())).isEqualTo(event);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void carriesRevision1(Record event) {
        Revision revision = event.getClass().getAnnotation(Revision.class);

        assertThat(revision).as("@Revision on %s", event.getClass().getSimpleName()).isNotNull();
        assertThat(revision.value()).isEqualTo("1");
    }

    @Test
    void everyGovernanceEventHasAFrozenShape() {
        Class<?>[] permitted = governanceEventTypes();

        assertThat(events().map(Object::getClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(Arrays.asList(permitted));
        for (Class<?> type : permitted) {
            assertThat(GovernanceEventJsonShapeTest.class.getResource("/events/" + type.getSimpleName() + ".v1.json"))
                    .as("fixture of %s", type.getSimpleName()).isNotNull();
        }
    }

    @Test
    void aGrantWithoutExpiryStoresNull() throws IOException {
        JsonNode actual = MAPPER.readTree(MAPPER.writeValueAsString(
                new PromotionGranted(MODEL, 1, 1, "staging", null)));

        assertThat(actual.has("validUntil")).isTrue();
        assertThat(actual.get("validUntil").isNull()).isTrue();
    }

    private static JsonNode fixture(Class<?> eventClass) throws IOException {
        try (InputStream json = fixtureStream(eventClass)) {
            return MAPPER.readTree(json);
        }
    }

    private static InputStream fixtureStream(Class<?> eventClass) {
        String path = "/events/" + eventClass.getSimpleName() + ".v1.json";
        InputStream json = GovernanceEventJsonShapeTest.class.getResourceAsStream(path);
        assertThat(json).as("fixture %s", path).isNotNull();
        return json;
    }

    /** Every event of promotion and rollout: the two sealed families that used to be one. */
    static Class<?>[] governanceEventTypes() {
        return Stream.concat(Arrays.stream(PromotionEvent.class.getPermittedSubclasses()),
                Arrays.stream(RolloutEvent.class.getPermittedSubclasses())).toArray(Class<?>[]::new);
    }
}
