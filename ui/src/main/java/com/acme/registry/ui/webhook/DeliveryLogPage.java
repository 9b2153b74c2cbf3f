package com.acme.registry.ui.webhook;

import com.acme.registry.webhook.Delivery;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.List;
import java.util.UUID;

/**
 * One page of a subscription's delivery log, newest event first, with the link to older ones: {@code before} the
 * last event id shown, as the API pages it. {@code state} null shows every state.
 */
public record DeliveryLogPage(List<Delivery> deliveries, String state, Long before, String older, String newest) {

    static final int SIZE = 50;
    static final List<String> STATES = List.of("pending", "delivered", "failed");

    static DeliveryLogPage of(UUID subscription, List<Delivery> deliveries, String state, Long before) {
        String older = deliveries.size() < SIZE ? null
                : link(subscription, state, deliveries.get(deliveries.size() - 1).eventId());
        return new DeliveryLogPage(deliveries, state, before, older, before == null ? null
                : link(subscription, state, null));
    }

    private static String link(UUID subscription, String state, Long before) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/admin/webhooks/{id}");
        if (state != null) {
            uri.queryParam("state", state);
        }
        if (before != null) {
            uri.queryParam("before", before);
        }
        return uri.fragment("deliveries").buildAndExpand(subscription).encode().toUriString();
    }
}
