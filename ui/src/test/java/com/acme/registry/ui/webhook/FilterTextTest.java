package com.acme.registry.ui.webhook;

import com.acme.registry.feed.EventTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FilterTextTest {

    private static List<String> category(EventTypes.Category category) {
        return EventTypes.names().stream().filter(t -> EventTypes.category(t).orElseThrow() == category).toList();
    }

    @Test
    void aWholeCategoryIsShownByItsNameAndTheRestByType() {
        List<String> types = new ArrayList<>(category(EventTypes.Category.SERVING));
        types.add("PromotionGranted");

        assertThat(FilterText.types(types)).isEqualTo("serving, PromotionGranted");
    }

    @Test
    void aCategoryMissingOneTypeIsShownTypeByType() {
        List<String> serving = category(EventTypes.Category.SERVING);

        assertThat(FilterText.types(serving.subList(1, serving.size())))
                .isEqualTo(String.join(", ", serving.subList(1, serving.size())));
    }

    @Test
    void noTypesMeansAny() {
        assertThat(FilterText.types(List.of())).isEqualTo("any");
    }
}
