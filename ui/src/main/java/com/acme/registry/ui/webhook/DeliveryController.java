package com.acme.registry.ui.webhook;

import com.acme.registry.webhook.Delivery;
import com.acme.registry.webhook.WebhookAdministration;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.UUID;

/** One delivery with every attempt, and the action that sends its event again as a new delivery. */
@Controller
@RequestMapping("/admin/webhooks/{id}/deliveries/{deliveryId}")
class DeliveryController {

    private final WebhookAdministration webhooks;

    DeliveryController(WebhookAdministration webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping
    String show(@PathVariable UUID id, @PathVariable UUID deliveryId, Model model) {
        Delivery.Detail detail = webhooks.delivery(id, deliveryId);
        model.addAttribute("section", "webhooks");
        model.addAttribute("row", SubscriptionRow.of(webhooks.find(id)));
        model.addAttribute("delivery", detail.delivery());
        model.addAttribute("attempts", detail.attempts());
        return "webhooks/delivery";
    }

    @PostMapping("/redelivery")
    String redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId, Authentication admin,
                     RedirectAttributes redirect) {
        Delivery created = webhooks.redeliver(id, deliveryId, admin.getName());
        redirect.addFlashAttribute("flash", "Queued event " + created.eventId() + " again, as this new delivery.");
        return "redirect:/admin/webhooks/" + id + "/deliveries/" + created.id();
    }
}
