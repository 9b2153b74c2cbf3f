package com.acme.registry.model;

import com.acme.registry.validation.Limits;
import com.acme.registry.validation.Violations;

import java.util.regex.Pattern;

/** Input rules of a registered model. */
final class ModelRules {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    private ModelRules() {
    }

    static void validate(String name, ModelDescription model) {
        Violations v = new Violations();
        if (name == null || name.isBlank()) {
            v.add("name", "is required");
        } else if (v.storable(name, "name")) {
            v.check(NAME.matcher(name).matches(), "name",
                    "must be a lowercase slug: 2-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (model == null) {
            v.add("model", "is required");
            v.throwIfAny();
        }
        v.optionalText(model.description(), "description", Limits.FREE_TEXT);
        v.required(model.ownerTeam(), "ownerTeam", Limits.SHORT_TEXT);
        v.check(model.riskTier() != null, "riskTier", "is required: one of HIGH, MEDIUM, LOW");
        v.requiredText(model.intendedUse(), "intendedUse", Limits.FREE_TEXT);
        v.optionalText(model.useRestrictions(), "useRestrictions", Limits.FREE_TEXT);
        Tags.validate(model.tags(), "tags", v);
        v.throwIfAny();
    }

    static void validateReason(String reason) {
        Violations v = new Violations();
        v.requiredText(reason, "reason", Limits.FREE_TEXT);
        v.throwIfAny();
    }
}
