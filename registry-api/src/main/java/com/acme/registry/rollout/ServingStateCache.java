package com.acme.registry.rollout;

import com.acme.registry.model.VersionEvidenceCompleted;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What serves each model now, kept in memory: serving systems ask on every credit decision, and it changes only
 * with a rollout. The serving projection calls {@link #changed()} when its transaction has committed one of
 * {@link #STATE_CHANGES}, before the projection's position is published, so read-your-writes holds. A generation
 * count keeps a read that raced with a change from caching the old state; entries also expire after
 * {@link #AT_MOST}, in case another instance projects the change.
 */
@Component
public class ServingStateCache {

    static final Duration AT_MOST = Duration.ofSeconds(1);
    /** Events after which a cached state may be stale: rollouts, and a completion that fills a served digest. */
    static final Set<Class<?>> STATE_CHANGES = Set.of(RolloutStarted.class, RolloutTrafficChanged.class,
            RolloutCompleted.class, RolloutAborted.class, RolledBack.class, VersionEvidenceCompleted.class);

    private record Key(String model, String environment) {
    }

    private final Cache<Key, Optional<ServingView>> states = Caffeine.newBuilder()
            .expireAfterWrite(AT_MOST).maximumSize(100_000).build();
    private final AtomicLong generation = new AtomicLong();

    Optional<ServingView> current(String model, String environment, Supplier<Optional<ServingView>> load) {
        Key key = new Key(model, environment);
        Optional<ServingView> cached = states.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        long before = generation.get();
        Optional<ServingView> loaded = load.get();
        states.put(key, loaded);
        if (generation.get() != before) {
            states.invalidate(key);
        }
        return loaded;
    }

    /** Forgets every cached state; called after a serving change is committed. */
    public void changed() {
        generation.incrementAndGet();
        states.invalidateAll();
    }
}
