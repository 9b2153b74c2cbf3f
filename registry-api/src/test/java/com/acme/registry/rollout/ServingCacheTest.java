package com.acme.registry.rollout;

import com.acme.registry.support.GovernanceIntegrationTest;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory serving state never answers an old state to whoever waits for their write, nor after a change. */
class ServingCacheTest extends GovernanceIntegrationTest {

    @Test
    void everyChangeIsVisibleToTheVeryNextLookup() {
        String model = createModel("serving-cache", "LOW");
        int v1 = registerVersion(model);
        int v2 = registerVersion(model);
        grantProduction(model, v1, "LOW");
        grantProduction(model, v2, "LOW");
        makeChampion(model, PRODUCTION, v1);
        assertThat(serving(model, PRODUCTION).path("champion").path("version").asInt()).isEqualTo(v1);

        startRolloutOk(model, PRODUCTION, v2, 10);
        for (int percent = 20; percent <= 90; percent += 10) {
            ok(traffic(as("alice"), model, PRODUCTION, percent));
            JsonLookup now = new JsonLookup(serving(model, PRODUCTION));
            assertThat(now.candidateTraffic()).as("right after setting %s %%", percent).isEqualTo(percent);
            assertThat(now.championTraffic()).isEqualTo(100 - percent);
        }
        ok(complete(as("alice"), model, PRODUCTION));
        assertThat(serving(model, PRODUCTION).path("champion").path("version").asInt()).isEqualTo(v2);
        assertThat(serving(model, PRODUCTION).has("candidate")).isFalse();
        ok(rollBack(as("alice"), model, PRODUCTION, "error rate up"));
        assertThat(serving(model, PRODUCTION).path("champion").path("version").asInt()).isEqualTo(v1);
    }

    @Test
    void aReadThatRacedWithAChangeIsNotKept() {
        ServingStateCache cache = new ServingStateCache();
        AtomicInteger loads = new AtomicInteger();
        cache.current("m", "production", () -> {
            loads.incrementAndGet();
            cache.changed();
            return Optional.empty();
        });
        cache.current("m", "production", () -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        cache.current("m", "production", () -> {
            loads.incrementAndGet();
            return Optional.empty();
        });
        assertThat(loads).as("the raced read was dropped, the next one kept").hasValue(2);
    }

    private record JsonLookup(tools.jackson.databind.JsonNode view) {
        int candidateTraffic() {
            return view.path("candidate").path("trafficPercent").asInt();
        }

        int championTraffic() {
            return view.path("champion").path("trafficPercent").asInt();
        }
    }
}
