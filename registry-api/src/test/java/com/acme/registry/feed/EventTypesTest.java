package com.acme.registry.feed;

import com.acme.registry.identity.Role;
import com.acme.registry.model.ModelEvent;
import com.acme.registry.promotion.PromotionEvent;
import com.acme.registry.rollout.RolloutEvent;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.acme.registry.feed.EventTypes.Category.CATALOG;
import static com.acme.registry.feed.EventTypes.Category.GOVERNANCE;
import static com.acme.registry.feed.EventTypes.Category.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

class EventTypesTest {

    @Test
    void everyDomainEventIsOnTheFeedInOneCategory() {
        List<String> domainEvents = Stream.of(ModelEvent.class, RolloutEvent.class, PromotionEvent.class)
                .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses())).map(Class::getSimpleName).toList();

        assertThat(EventTypes.names()).containsExactlyInAnyOrderElementsOf(domainEvents);
        assertThat(EventTypes.category("RolloutCompleted")).contains(SERVING);
        assertThat(EventTypes.category("RolledBack")).contains(SERVING);
        assertThat(EventTypes.category("RollbackAcknowledged")).as("a reviewer's act").contains(GOVERNANCE);
        assertThat(EventTypes.category("PromotionGranted")).contains(GOVERNANCE);
        assertThat(EventTypes.category("ModelVersionRegistered")).contains(CATALOG);
    }

    @Test
    void readersSeeCatalogAndServingAndPeopleSeeEverything() {
        assertThat(EventTypes.visibleTo(Set.of(Role.READER))).containsExactlyInAnyOrder(CATALOG, SERVING);
        assertThat(EventTypes.visibleTo(Set.of())).containsExactlyInAnyOrder(CATALOG, SERVING);
        for (Role person : EnumSet.complementOf(EnumSet.of(Role.READER))) {
            assertThat(EventTypes.visibleTo(Set.of(person, Role.READER))).as(person.name())
                    .containsExactlyInAnyOrder(CATALOG, SERVING, GOVERNANCE);
        }
    }
}
