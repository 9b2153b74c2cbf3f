package com.acme.registry.ui.webhook;

import com.acme.registry.ui.model.SafeLinks;
import com.acme.registry.webhook.Subscription;

/** A subscription as the pages show it: its URL a link only when it is http(s), its filter in words. */
public record SubscriptionRow(Subscription subscription, String href, FilterText filter) {

    static SubscriptionRow of(Subscription subscription) {
        return new SubscriptionRow(subscription, SafeLinks.hrefOf(subscription.url()), FilterText.of(subscription));
    }

    public String path() {
        return "/admin/webhooks/" + subscription.id();
    }
}
