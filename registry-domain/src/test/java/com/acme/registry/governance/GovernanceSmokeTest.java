package com.acme.registry.governance;

import com.acme.registry.model.ModelDescription;
import com.acme.registry.model.ModelRegistered;
import com.acme.registry.model.ModelVersionRegistered;
import com.acme.registry.model.RegisteredModel;
import com.acme.registry.model.RiskTier;
import com.acme.registry.model.VersionEvidence;
import com.acme.registry.validation.SegregationOfDutiesException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

class GovernanceSmokeTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void requestsAreRoutedToTheGovernanceOfTheModel() {
        var fixture = new AggregateTestFixture<>(RegisteredModel.class);
        var evidence = new VersionEvidence("s3://b/k", "sha256:" + "0".repeat(64), 1L, "onnx", null, null, null,
                null, null, null, null, null, null, null);
        fixture.given(new ModelRegistered("m1", new ModelDescription("d", "team", RiskTier.HIGH, "use", null,
                        Map.of()), "alice"),
                        new ModelVersionRegistered("m1", 1, evidence, "alice"),
                        new PromotionRequested("m1", 1, 1, "production", "why", "https://r/1", "bob",
                                new PolicyInForce(RiskTier.HIGH, true, 2, 30)))
                .when(new ApprovePromotion("m1", 1, "fine", "alice", NOW))
                .expectException(SegregationOfDutiesException.class);
    }
}
