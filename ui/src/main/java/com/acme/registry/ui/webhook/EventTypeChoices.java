package com.acme.registry.ui.webhook;

import com.acme.registry.feed.EventTypes;

import java.util.Arrays;
import java.util.List;

/** The categories a subscription form offers as checkboxes, each with the types it stands for. */
public record EventTypeChoices(String category, List<String> types) {

    static List<EventTypeChoices> all() {
        return Arrays.stream(EventTypes.Category.values())
                .map(c -> new EventTypeChoices(c.label(), EventTypes.names().stream()
                        .filter(t -> EventTypes.category(t).orElseThrow() == c).toList()))
                .toList();
    }
}
