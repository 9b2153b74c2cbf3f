package com.acme.registry.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/** Webhook subscriptions, their secrets, delivery logs and redeliveries (ADMIN, under /api/v1/admin). */
@RestController
@RequestMapping("/api/v1/admin/webhooks")
@Tag(name = "Webhooks", description = "Signed webhook subscriptions with a delivery log (ADMIN only)")
class WebhooksController {

    private final WebhookAdministration webhooks;

    WebhooksController(WebhookAdministration webhooks) {
        this.webhooks = webhooks;
    }

    public record CreatedView(Subscription subscription, String secret, String warning) {
    }

    public record SecretView(String secret, String warning) {
    }

    public record RangeRedelivery(Long fromEventId, Long toEventId) {
    }

    public record RangeRedeliveryView(int deliveries) {
    }

    static final String SHOWN_ONCE = "Store this secret now: it signs every delivery, and the registry never shows "
            + "it again (it keeps it encrypted under a key outside the database).";

    @Operation(summary = "Create a webhook subscription: a target URL (https) and a filter by event types or "
            + "categories, models and environments; its signing secret is in this answer only")
    @PostMapping
    public ResponseEntity<CreatedView> create(@RequestBody WebhookAdministration.NewSubscription body,
                                              Authentication admin) {
        WebhookAdministration.Created created = webhooks.create(body, admin.getName());
        return ResponseEntity.created(URI.create("/api/v1/admin/webhooks/" + created.subscription().id()))
                .body(new CreatedView(created.subscription(), created.secret(), SHOWN_ONCE));
    }

    @Operation(summary = "List webhook subscriptions (never their secrets)")
    @GetMapping
    public List<Subscription> list() {
        return webhooks.list();
    }

    @Operation(summary = "Show one webhook subscription")
    @GetMapping("/{id}")
    public Subscription show(@PathVariable UUID id) {
        return webhooks.find(id);
    }

    @Operation(summary = "Change a subscription's name, URL, filter, or pause it (paused: deliveries are queued and "
            + "held); fields left out stay as they are")
    @PatchMapping("/{id}")
    public Subscription change(@PathVariable UUID id, @RequestBody WebhookAdministration.Change body,
                               Authentication admin) {
        return webhooks.change(id, body, admin.getName());
    }

    @Operation(summary = "Delete a subscription: nothing more is sent; its delivery log is kept")
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id, Authentication admin) {
        webhooks.delete(id, admin.getName());
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Replace the signing secret; the new one is in this answer only and signs from now on")
    @PostMapping("/{id}/secret")
    public SecretView rotateSecret(@PathVariable UUID id, Authentication admin) {
        return new SecretView(webhooks.rotateSecret(id, admin.getName()), SHOWN_ONCE);
    }

    @Operation(summary = "Resume a paused or failing subscription: held deliveries go out in order, and deliveries "
            + "that ran out of retries are tried again")
    @PostMapping("/{id}/resumption")
    public Subscription resume(@PathVariable UUID id, Authentication admin) {
        return webhooks.resume(id, admin.getName());
    }

    @Operation(summary = "The delivery log, newest event first: state, attempts, last status, latency and error, "
            + "next attempt; page with before= the last event id shown")
    @GetMapping("/{id}/deliveries")
    public List<Delivery> deliveries(@PathVariable UUID id, @RequestParam(required = false) String state,
                                     @RequestParam(required = false) Long before,
                                     @RequestParam(required = false, defaultValue = "50") int limit) {
        return webhooks.deliveries(id, state, before, limit);
    }

    @Operation(summary = "One delivery with every attempt (status, latency, error, the first 512 bytes of the answer)")
    @GetMapping("/{id}/deliveries/{deliveryId}")
    public Delivery.Detail delivery(@PathVariable UUID id, @PathVariable UUID deliveryId) {
        return webhooks.delivery(id, deliveryId);
    }

    @Operation(summary = "Send one delivery's event again, as a new delivery")
    @PostMapping("/{id}/deliveries/{deliveryId}/redelivery")
    public ResponseEntity<Delivery> redeliver(@PathVariable UUID id, @PathVariable UUID deliveryId,
                                              Authentication admin) {
        Delivery created = webhooks.redeliver(id, deliveryId, admin.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/admin/webhooks/" + id + "/deliveries/" + created.id()))
                .body(created);
    }

    @Operation(summary = "Send again every event in a range of event ids that the subscription's filter passes "
            + "(at most 10,000)")
    @PostMapping("/{id}/redeliveries")
    public ResponseEntity<RangeRedeliveryView> redeliverRange(@PathVariable UUID id, @RequestBody RangeRedelivery body,
                                                              Authentication admin) {
        int created = webhooks.redeliverRange(id, body.fromEventId(), body.toEventId(), admin.getName());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RangeRedeliveryView(created));
    }
}
