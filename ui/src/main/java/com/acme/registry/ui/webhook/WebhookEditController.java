package com.acme.registry.ui.webhook;

import com.acme.registry.promotion.Environments;
import com.acme.registry.webhook.Subscription;
import com.acme.registry.webhook.WebhookAdministration;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Edits a subscription's name, target and filter. The form sends every field, so a field left empty means its
 * empty value (no types, models or environments: any), never "unchanged"; bad input changes nothing.
 */
@Controller
@RequestMapping("/admin/webhooks/{id}/edit")
class WebhookEditController {

    private final WebhookAdministration webhooks;
    private final Environments environments;

    WebhookEditController(WebhookAdministration webhooks, Environments environments) {
        this.webhooks = webhooks;
        this.environments = environments;
    }

    @GetMapping
    String form(@PathVariable UUID id, Model model) {
        Subscription subscription = webhooks.find(id);
        model.addAttribute("row", SubscriptionRow.of(subscription));
        SubscriptionFormPage.offer(model, SubscriptionForm.of(subscription), environments);
        return "webhooks/edit";
    }

    @PostMapping
    String save(@PathVariable UUID id, @RequestParam(required = false) String name,
                @RequestParam(required = false) String url, @RequestParam(required = false) List<String> types,
                @RequestParam(required = false) List<String> models,
                @RequestParam(required = false) List<String> environments,
                Authentication admin, RedirectAttributes redirect) {
        Subscription before = webhooks.find(id);
        // no checkbox ticked sends no parameter at all: that is "any", not "unchanged"
        Subscription after = webhooks.change(id, new WebhookAdministration.Change(stripped(name), stripped(url),
                listed(types), listed(models), listed(environments), null), admin.getName());
        redirect.addFlashAttribute("flash", summary(before, after));
        return "redirect:/admin/webhooks/" + id;
    }

    /** What the edit changed, in words. */
    static String summary(Subscription before, Subscription after) {
        List<String> changed = new ArrayList<>();
        if (!before.name().equals(after.name())) {
            changed.add("the name (was " + before.name() + ")");
        }
        if (!before.url().equals(after.url())) {
            changed.add("the target URL");
        }
        if (!before.types().equals(after.types())) {
            changed.add("the event types");
        }
        if (!before.models().equals(after.models())) {
            changed.add("the models");
        }
        if (!before.environments().equals(after.environments())) {
            changed.add("the environments");
        }
        if (changed.isEmpty()) {
            return "Nothing changed in " + after.name() + ".";
        }
        String last = changed.remove(changed.size() - 1);
        String all = changed.isEmpty() ? last : String.join(", ", changed) + " and " + last;
        return "Changed " + all + " of " + after.name() + ".";
    }

    private static String stripped(String value) {
        return value == null ? "" : value.strip();
    }

    private static List<String> listed(List<String> values) {
        return values == null ? List.of() : values;
    }
}
