package com.acme.registry.promotion;

import com.acme.registry.model.RegisteredModel;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.SegregationOfDutiesException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;

import static com.acme.registry.model.Refusals.onlyViolation;
import static com.acme.registry.model.Refusals.ruleBroken;

/**
 * What the rule tests of a registered model's members share: Axon's fixture (a new one per test) and the refusals
 * they expect. Extended by {@link PromotionRequestsTest} and {@code rollout.EnvironmentServingTest}.
 */
public abstract class GovernanceRules {

    protected final FixtureConfiguration<RegisteredModel> fixture = newAggregateFixture();

    /**
     * The fixture also checks that replaying the published events gives the state the command handler left
     * behind, field by field.
     */
    static FixtureConfiguration<RegisteredModel> newAggregateFixture() {
        return new AggregateTestFixture<>(RegisteredModel.class);
    }

    protected ResultValidator<RegisteredModel> refusedInput(GovernanceHistory given, Object command, String field,
                                                            String messagePart) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(InvalidInputException.class)
                .expectException(onlyViolation(field, messagePart));
    }

    protected ResultValidator<RegisteredModel> refusedRule(GovernanceHistory given, Object command, String rule,
                                                           String messagePart) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(RuleViolationException.class)
                .expectException(ruleBroken(rule, messagePart));
    }

    protected ResultValidator<RegisteredModel> refusedDuty(GovernanceHistory given, Object command, String message) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(SegregationOfDutiesException.class)
                .expectException(ruleBroken("segregation-of-duties", ""))
                .expectExceptionMessage(message);
    }

    protected ResultValidator<RegisteredModel> notFound(GovernanceHistory given, Object command, String message) {
        return fixture.given(given.events())
                .when(command)
                .expectNoEvents()
                .expectException(NotFoundException.class)
                .expectExceptionMessage(message);
    }
}
