package com.acme.registry.feed;

import com.acme.registry.identity.Role;
import com.acme.registry.model.ModelEvent;
import com.acme.registry.promotion.PromotionEvent;
import com.acme.registry.rollout.RollbackAcknowledged;
import com.acme.registry.rollout.RolloutEvent;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The event types on the feed, by the domain's sealed event interfaces, each in one category. READER (serving
 * systems) sees the catalog and serving changes, never governance (requests, reviews, acknowledgements), as in
 * {@code /api/v1}; people's roles see every category.
 */
public final class EventTypes {

    public enum Category {
        /** models and versions: registration, labels, evidence, archival, retirement */
        CATALOG,
        /** what serves where: rollouts and rollbacks */
        SERVING,
        /** promotion requests, approvals, rejections, grants, rollback acknowledgements */
        GOVERNANCE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Map<String, Category> TYPES = new TreeMap<>();

    static {
        add(ModelEvent.class, Category.CATALOG);
        add(RolloutEvent.class, Category.SERVING);
        add(PromotionEvent.class, Category.GOVERNANCE);
        TYPES.put(RollbackAcknowledged.class.getSimpleName(), Category.GOVERNANCE); // a reviewer's act
    }

    private static void add(Class<?> sealed, Category category) {
        for (Class<?> type : sealed.getPermittedSubclasses()) {
            TYPES.put(type.getSimpleName(), category);
        }
    }

    private EventTypes() {
    }

    /** Every type name on the feed, sorted. */
    public static Set<String> names() {
        return TYPES.keySet();
    }

    public static Optional<Category> category(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    public static Optional<Category> categoryNamed(String label) {
        for (Category category : Category.values()) {
            if (category.label().equals(label)) {
                return Optional.of(category);
            }
        }
        return Optional.empty();
    }

    /** The categories a caller with these roles may see. */
    public static Set<Category> visibleTo(Collection<Role> roles) {
        boolean person = roles.stream().anyMatch(role -> role != Role.READER);
        return person ? EnumSet.allOf(Category.class) : EnumSet.of(Category.CATALOG, Category.SERVING);
    }
}
