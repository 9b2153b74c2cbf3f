package com.acme.registry.ui.webhook;

import com.acme.registry.promotion.Environments;
import com.acme.registry.webhook.WebhookAdministration;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The admin's list of webhook subscriptions and the form that creates one. A created subscription's secret is
 * rendered by the POST's own answer and nowhere else: not in a redirect, not in a flash message.
 */
@Controller
@RequestMapping("/admin/webhooks")
class WebhookListController {

    private final WebhookAdministration webhooks;
    private final Environments environments;

    WebhookListController(WebhookAdministration webhooks, Environments environments) {
        this.webhooks = webhooks;
        this.environments = environments;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("section", "webhooks");
        model.addAttribute("subscriptions", webhooks.list().stream().map(SubscriptionRow::of).toList());
        return "webhooks/list";
    }

    @GetMapping("/new")
    String form(Model model) {
        SubscriptionFormPage.offer(model, SubscriptionForm.blank(), environments);
        return "webhooks/new";
    }

    @PostMapping
    String create(@RequestParam(required = false) String name, @RequestParam(required = false) String url,
                  @RequestParam(required = false) List<String> types,
                  @RequestParam(required = false) List<String> models,
                  @RequestParam(required = false) List<String> environments,
                  Authentication admin, Model model, HttpServletResponse response) {
        WebhookAdministration.Created created = webhooks.create(new WebhookAdministration.NewSubscription(
                trimmed(name), trimmed(url), types, models, environments), admin.getName());
        return SecretPage.render(model, response, SubscriptionRow.of(created.subscription()), created.secret(), true);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.strip();
    }
}
