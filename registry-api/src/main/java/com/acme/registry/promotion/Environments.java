package com.acme.registry.promotion;

import com.acme.registry.validation.InvalidInputException;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.StorableText;
import com.acme.registry.validation.Violations;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/** Looks up configured environments, refusing unknown names with a message that lists the known ones. */
@Component
public class Environments {

    private final GovernanceProperties properties;

    public Environments(GovernanceProperties properties) {
        this.properties = properties;
    }

    /** For a name given in a request body: unknown is bad input. */
    public GovernanceProperties.Environment fromBody(String name) {
        if (name == null || name.isBlank()) {
            throw InvalidInputException.of("environment", "is required: one of " + names());
        }
        return properties.environment(name).orElseThrow(() ->
                InvalidInputException.of("environment", "must be one of " + names() + " (was '"
                        + StorableText.printable(name) + "')"));
    }

    /** For a name given in a request body, collecting a refusal instead of throwing; null when refused. */
    public GovernanceProperties.Environment fromBody(String name, Violations violations) {
        try {
            return fromBody(name);
        } catch (InvalidInputException refused) {
            refused.violations().forEach(v -> violations.add(v.field(), v.message()));
            return null;
        }
    }

    /** For a name in the path: unknown is not found. */
    public GovernanceProperties.Environment fromPath(String name) {
        return properties.environment(name).orElseThrow(() ->
                new NotFoundException("No environment named '" + name + "'; the registry knows " + names() + "."));
    }

    public String names() {
        return properties.environments().stream().map(GovernanceProperties.Environment::name)
                .collect(Collectors.joining(", "));
    }

    public GovernanceProperties properties() {
        return properties;
    }
}
