package com.acme.registry.ui.webhook;

import com.acme.registry.promotion.Environments;
import com.acme.registry.promotion.GovernanceProperties;
import org.springframework.ui.Model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The new and the edit form of a subscription: the same fields, the same choices. */
final class SubscriptionFormPage {

    private SubscriptionFormPage() {
    }

    static void offer(Model model, SubscriptionForm form, Environments environments) {
        // an environment the configuration no longer has stays visible (and checked), so saving does not drop it
        // silently: the registry refuses it, naming it
        Set<String> offered = new LinkedHashSet<>(environments.properties().environments().stream()
                .map(GovernanceProperties.Environment::name).toList());
        offered.addAll(form.environments());
        model.addAttribute("section", "webhooks");
        model.addAttribute("form", form);
        model.addAttribute("categories", EventTypeChoices.all());
        model.addAttribute("environments", List.copyOf(offered));
    }
}
