package com.acme.registry.ui.webhook;

import com.acme.registry.feed.EventTypes;
import com.acme.registry.feed.FeedFilter;
import com.acme.registry.webhook.Subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A subscription's filter in words: a category it names, or whose every type it names, is shown by the category's name
 * ("serving" rather than five rollout types); an empty list means any.
 */
public record FilterText(String types, String models, String environments) {

    static final String ANY = "any";

    static FilterText of(Subscription subscription) {
        return new FilterText(types(subscription.types()), joined(subscription.models()),
                joined(subscription.environments()));
    }

    static String types(List<String> types) {
        if (types.isEmpty()) {
            return ANY;
        }
        Grouped grouped = grouped(types);
        List<String> shown = new ArrayList<>(grouped.categories());
        shown.addAll(grouped.others());
        return String.join(", ", shown);
    }

    /** Types as a person names them: the labels of the categories they cover whole, and the types left over. */
    record Grouped(List<String> categories, List<String> others) {
    }

    static Grouped grouped(List<String> types) {
        Set<String> left = new TreeSet<>(FeedFilter.expandCategories(types)); // a category named: all its types
        List<String> categories = new ArrayList<>();
        for (EventTypes.Category category : EventTypes.Category.values()) {
            List<String> members = EventTypes.names().stream()
                    .filter(t -> EventTypes.category(t).orElseThrow() == category).toList();
            if (left.containsAll(members)) {
                categories.add(category.label());
                members.forEach(left::remove);
            }
        }
        return new Grouped(categories, List.copyOf(left));
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? ANY : String.join(", ", values);
    }
}
