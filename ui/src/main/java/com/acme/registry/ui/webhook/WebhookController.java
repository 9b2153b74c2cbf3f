package com.acme.registry.ui.webhook;

import com.acme.registry.webhook.Subscription;
import com.acme.registry.webhook.WebhookAdministration;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/**
 * One subscription: what it is, its actions (pause, unpause, resume, rotate the secret, delete, redeliver a range)
 * and its delivery log. Every action goes through {@link WebhookAdministration}, which checks and audits it.
 */
@Controller
@RequestMapping("/admin/webhooks/{id}")
class WebhookController {

    private final WebhookAdministration webhooks;

    WebhookController(WebhookAdministration webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String show(@PathVariable UUID id, @RequestParam(required = false) String state,
                @RequestParam(required = false) Long before, Model model) {
        String only = state == null || state.isBlank() ? null : state.strip();
        SubscriptionRow row = SubscriptionRow.of(webhooks.find(id));
        model.addAttribute("section", "webhooks");
        model.addAttribute("row", row);
        model.addAttribute("states", DeliveryLogPage.STATES);
        model.addAttribute("log", DeliveryLogPage.of(id, webhooks.deliveries(id, only, before, DeliveryLogPage.SIZE),
                only, before));
        return "webhooks/subscription";
    }

    @PostMapping("/pause")
    String pause(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        Subscription paused = webhooks.change(id, paused(true), admin.getName());
        return back(paused, "Paused: deliveries are queued and held until you unpause or resume.", redirect);
    }

    @PostMapping("/unpause")
    String unpause(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        Subscription unpaused = webhooks.change(id, paused(false), admin.getName());
        return back(unpaused, "Unpaused: held deliveries go out in order.", redirect);
    }

    @PostMapping("/resumption")
    String resume(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        Subscription resumed = webhooks.resume(id, admin.getName());
        return back(resumed, "Resumed: held deliveries go out in order, and those that ran out of retries are "
                + "tried again.", redirect);
    }

    @PostMapping("/secret")
    String rotateSecret(@PathVariable UUID id, Authentication admin, Model model, HttpServletResponse response) {
        String secret = webhooks.rotateSecret(id, admin.getName());
        return SecretPage.render(model, response, SubscriptionRow.of(webhooks.find(id)), secret, false);
    }

    @PostMapping("/deletion")
    String delete(@PathVariable UUID id, Authentication admin, RedirectAttributes redirect) {
        String name = webhooks.find(id).name();
        webhooks.delete(id, admin.getName());
        redirect.addFlashAttribute("flash", "Deleted the subscription " + name + ": nothing more is sent to it.");
        return "redirect:/admin/webhooks";
    }

    @PostMapping("/redeliveries")
    String redeliverRange(@PathVariable UUID id, @RequestParam(required = false) Long fromEventId,
                          @RequestParam(required = false) Long toEventId, Authentication admin,
                          RedirectAttributes redirect) {
        int queued = webhooks.redeliverRange(id, fromEventId, toEventId, admin.getName());
        return back(webhooks.find(id), "Queued " + queued + (queued == 1 ? " delivery" : " deliveries")
                + " of events " + fromEventId + "–" + toEventId + ".", redirect);
    }

    private static WebhookAdministration.Change paused(boolean paused) {
        return new WebhookAdministration.Change(null, null, null, null, null, paused);
    }

    private static String back(Subscription subscription, String flash, RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", flash);
        return "redirect:/admin/webhooks/" + subscription.id();
    }
}
