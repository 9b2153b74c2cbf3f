package com.acme.registry.model;

import com.acme.registry.validation.FieldViolation;
import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.RuleViolationException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Hamcrest matchers for the domain's refusals, for {@code ResultValidator.expectException(Matcher)}. */
public final class Refusals {

    private Refusals() {
    }

    /**
     * An {@link InvalidInputException} with exactly one violation: on {@code field}, whose message contains
     * {@code messagePart}; the exception message names the field too.
     */
    public static Matcher<InvalidInputException> onlyViolation(String field, String messagePart) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidInputException e, Description mismatch) {
                List<FieldViolation> violations = e.violations();
                boolean ok = violations.size() == 1
                        && violations.get(0).field().equals(field)
                        && violations.get(0).message().contains(messagePart)
                        && e.getMessage().startsWith(field + ": ");
                if (!ok) {
                    mismatch.appendText("was InvalidInputException with violations ").appendValue(violations)
                            .appendText(" and message ").appendValue(e.getMessage());
                }
                return ok;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("InvalidInputException with the single violation ").appendValue(field)
                        .appendText(" containing ").appendValue(messagePart);
            }
        };
    }

    /** An {@link InvalidInputException} whose violations name exactly these fields (in any order). */
    public static Matcher<InvalidInputException> violationsOn(String... fields) {
        Set<String> expected = Set.of(fields);
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidInputException e, Description mismatch) {
                Set<String> actual = e.violations().stream().map(FieldViolation::field).collect(Collectors.toSet());
                boolean ok = actual.equals(expected) && expected.stream().allMatch(f -> e.getMessage().contains(f + ": "));
                if (!ok) {
                    mismatch.appendText("was InvalidInputException with violations ").appendValue(e.violations());
                }
                return ok;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("InvalidInputException with violations on ").appendValue(expected);
            }
        };
    }

    /** A {@link RuleViolationException} of the given rule whose message contains {@code messagePart}. */
    public static Matcher<RuleViolationException> ruleBroken(String rule, String messagePart) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e, Description mismatch) {
                boolean ok = rule.equals(e.rule()) && e.getMessage().contains(messagePart);
                if (!ok) {
                    mismatch.appendText("was RuleViolationException of rule ").appendValue(e.rule())
                            .appendText(" with message ").appendValue(e.getMessage());
                }
                return ok;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolationException of rule ").appendValue(rule)
                        .appendText(" with a message containing ").appendValue(messagePart);
            }
        };
    }

    /** A {@link RuleViolationException} whose machine-readable details are exactly {@code details}. */
    public static Matcher<RuleViolationException> withDetails(java.util.Map<String, Object> details) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolationException e, Description mismatch) {
                if (!details.equals(e.details())) {
                    mismatch.appendText("was RuleViolationException with details ").appendValue(e.details());
                    return false;
                }
                return true;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("RuleViolationException with details ").appendValue(details);
            }
        };
    }
}
