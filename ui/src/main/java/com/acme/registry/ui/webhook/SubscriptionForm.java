package com.acme.registry.ui.webhook;

import com.acme.registry.webhook.Subscription;

import java.util.List;

/**
 * What the subscription form shows: blank for a new one, a subscription's values to edit one. The filter's types
 * are split as the form offers them: whole categories as checked boxes, the other types in the comma field.
 */
public record SubscriptionForm(String name, String url, List<String> categories, String moreTypes, String models,
                               List<String> environments) {

    static SubscriptionForm blank() {
        return new SubscriptionForm("", "", List.of(), "", "", List.of());
    }

    static SubscriptionForm of(Subscription subscription) {
        FilterText.Grouped types = FilterText.grouped(subscription.types());
        return new SubscriptionForm(subscription.name(), subscription.url(), types.categories(),
                String.join(", ", types.others()), String.join(", ", subscription.models()),
                subscription.environments());
    }
}
