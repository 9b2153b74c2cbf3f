package com.acme.registry.axon;

import org.junit.jupiter.api.Test;

import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedAggregateCacheTest {

    @Test
    void aModelNothingElseReferencesSurvivesGarbageCollection() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        cache.put("credit-limit", new StringBuilder("state"));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        assertThat(cache.<String, StringBuilder>get("credit-limit")).hasToString("state");
    }

    @Test
    void keepsAtMostItsMaximumNumberOfModels() {
        BoundedAggregateCache cache = new BoundedAggregateCache(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("model-" + i, i);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void behavesAsAxonsRepositoriesExpect() {
        BoundedAggregateCache cache = new BoundedAggregateCache(10);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        cache.computeIfPresent("a", (UnaryOperator<Integer>) v -> v + 10);
        cache.computeIfPresent("absent", (UnaryOperator<Integer>) v -> v + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.containsKey("absent")).isFalse();
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 5)).isEqualTo(5);
        cache.put("b", null);
        assertThat(cache.containsKey("b")).as("putting null forgets the entry").isFalse();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.put("c", 3);
        cache.removeAll();
        assertThat(cache.containsKey("c")).isFalse();
        assertThatThrownBy(() -> cache.registerCacheEntryListener(null))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
