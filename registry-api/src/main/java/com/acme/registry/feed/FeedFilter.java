package com.acme.registry.feed;

import com.acme.registry.promotion.Environments;
import com.acme.registry.validation.StorableText;
import com.acme.registry.validation.Violations;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which events a stream or a webhook subscription receives: by type, model and environment (an empty set: any).
 * A type is an event type's name or a category ({@code catalog}, {@code serving}, {@code governance}); an event
 * matches an environment filter only when it concerns that environment. {@code categories} are what the caller
 * may see at all.
 */
public record FeedFilter(Set<String> types, Set<String> models, Set<String> environments,
                         Set<EventTypes.Category> categories) {

    public static final int MAX_VALUES = 50;

    public FeedFilter {
        types = Set.copyOf(types);
        models = Set.copyOf(models);
        environments = Set.copyOf(environments);
        categories = categories.isEmpty() ? Set.of() : EnumSet.copyOf(categories);
    }

    /** The names of the three filter fields in a request: query parameters or body fields. */
    public record Fields(String type, String model, String environment) {
        public static final Fields QUERY = new Fields("type", "model", "environment");
        public static final Fields BODY = new Fields("types", "models", "environments");
    }

    public static FeedFilter everything() {
        return new FeedFilter(Set.of(), Set.of(), Set.of(), EnumSet.allOf(EventTypes.Category.class));
    }

    /**
     * Parses and checks the three lists (comma-separated values are split), naming the field of a refusal as
     * {@code fields} name them. Type names are expanded: a category becomes its types.
     */
    public static FeedFilter parse(Collection<String> types, Collection<String> models, Collection<String> environments,
                                   Set<EventTypes.Category> visible, Environments known, Violations violations,
                                   Fields fields) {
        Set<String> typeNames = expandCategories(split(types));
        for (String type : split(types)) {
            if (EventTypes.category(type).isEmpty() && EventTypes.categoryNamed(type).isEmpty()) {
                violations.add(fields.type(), "'" + StorableText.printable(bounded(type))
                        + "' is no event type: use one of " + EventTypes.names() + " or a category (catalog, serving, "
                        + "governance)");
            }
        }
        for (String type : typeNames) {
            if (EventTypes.category(type).isEmpty()) {
                continue; // refused above
            }
            violations.check(visible.contains(EventTypes.category(type).get()), fields.type(),
                    "'" + type + "' is a governance event, which READER may not see: it may subscribe to catalog and "
                            + "serving events");
        }
        Set<String> modelNames = split(models);
        for (String model : modelNames) {
            violations.check(StorableText.isStorable(model, false) && model.length() <= 200, fields.model(),
                    "must be model names of at most 200 printable characters");
        }
        Set<String> environmentNames = split(environments);
        for (String environment : environmentNames) {
            violations.check(known.properties().environment(environment).isPresent(), fields.environment(),
                    "must be one of " + known.names() + " (was '" + StorableText.printable(bounded(environment)) + "')");
        }
        for (Set<String> values : List.of(typeNames, modelNames, environmentNames)) {
            violations.check(values.size() <= MAX_VALUES, fields.type() + "/" + fields.model() + "/"
                    + fields.environment(), "may name at most " + MAX_VALUES + " values each");
        }
        return new FeedFilter(typeNames, modelNames, environmentNames, visible);
    }

    /** Type names, each category among them replaced by its types; a name that is neither is kept as it is. */
    public static Set<String> expandCategories(Collection<String> typesOrCategories) {
        Set<String> typeNames = new TreeSet<>();
        for (String type : typesOrCategories) {
            Optional<EventTypes.Category> category = EventTypes.category(type).isPresent() ? Optional.empty()
                    : EventTypes.categoryNamed(type);
            if (category.isPresent()) {
                EventTypes.names().stream().filter(t -> EventTypes.category(t).orElseThrow() == category.get())
                        .forEach(typeNames::add);
            } else {
                typeNames.add(type);
            }
        }
        return typeNames;
    }

    /**
     * The values as named, split at commas, stripped, sorted: what a webhook subscription keeps, so that a category it
     * names also takes in the event types a later release adds to that category.
     */
    public static List<String> named(Collection<String> values) {
        return List.copyOf(new TreeSet<>(split(values)));
    }

    private static Set<String> split(Collection<String> values) {
        Set<String> split = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        split.add(part.strip());
                    }
                }
            }
        }
        return split;
    }

    private static String bounded(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "…" : value;
    }

    public boolean matches(FeedEvent event) {
        return categories.contains(event.category())
                && (types.isEmpty() || types.contains(event.type()))
                && (models.isEmpty() || models.contains(event.model()))
                && (environments.isEmpty() || event.environment() != null && environments.contains(event.environment()));
    }
}
