package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.load.ClosedLoop;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.OpenLoop;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;

import java.time.Duration;
import java.util.List;

/**
 * (b) The hot path, GET /api/v1/models/{m}/environments/production with a READER API token, over models that each
 * have a champion and a canary. Open loop at a fixed offered rate (latency from the scheduled time), then closed
 * loop for the saturation rate. Baseline: GET /api/v1/me — the registry's emptiest endpoint behind the same security
 * filter chain and the same token lookup (no database read of its own, a 48-byte JSON answer) — measured the same way.
 */
public final class ServingLookups {

    private ServingLookups() {
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        List<String> paths = b.servingModels().stream()
                .map(m -> "/api/v1/models/" + m + "/environments/production").toList();
        List<String> me = List.of("/api/v1/me");
        var headers = Registry.bearer(b.tokens.reader());
        double rate = b.settings.servingRate();
        OpenLoop.Settings open = new OpenLoop.Settings(rate, b.settings.warmup(), b.settings.duration(),
                b.settings.servingWorkers(), Duration.ofSeconds(10));
        ClosedLoop.Settings closed = new ClosedLoop.Settings(b.settings.saturationClients(), b.settings.warmup(),
                b.settings.duration());

        b.log("(b) serving lookups, open loop at %.0f/s…", rate);
        LoadResult lookup = OpenLoop.run(open, w -> new Get(b.registry.base(), headers, Get.roundRobin(paths)));
        b.log("(b) lookup at %.0f/s: %s", rate, lookup.describe());
        LoadResult empty = null;
        if (stage.main()) {
            empty = OpenLoop.run(open, w -> new Get(b.registry.base(), headers, Get.roundRobin(me)));
            b.log("(b) empty endpoint at %.0f/s: %s", rate, empty.describe());
        }
        b.log("(b) saturation, closed loop with %d clients…", closed.workers());
        LoadResult lookupMax = ClosedLoop.run(closed, w -> new Get(b.registry.base(), headers, Get.roundRobin(paths)));
        b.log("(b) lookup saturation: %s", lookupMax.describe());
        LoadResult emptyMax = null;
        if (stage.main()) {
            emptyMax = ClosedLoop.run(closed, w -> new Get(b.registry.base(), headers, Get.roundRobin(me)));
            b.log("(b) empty endpoint saturation: %s", emptyMax.describe());
        }

        String at = String.format("at %,.0f/s", rate);
        if (stage.growth()) {
            b.growth.add(stage.targetEvents(), "b", "serving p50 " + at, lookup.latencies().percentileMillis(50), "ms", false);
            b.growth.add(stage.targetEvents(), "b", "serving p99 " + at, lookup.latencies().percentileMillis(99), "ms", false);
            b.growth.add(stage.targetEvents(), "b", "serving p99.9 " + at, lookup.latencies().percentileMillis(99.9), "ms", false);
            b.growth.add(stage.targetEvents(), "b", "serving saturation", lookupMax.perSecond(), "/s", true);
        }
        if (!stage.main()) {
            return;
        }
        b.table.add("b", String.format("serving lookup p50 %s offered, %,.0f/s answered (baseline GET /me: %,.0f/s)",
                        at, lookup.perSecond(), empty.perSecond()),
                lookup.latencies().percentileMillis(50), "ms", empty.latencies().percentileMillis(50), null);
        b.table.add("b", "serving lookup p99 " + at, lookup.latencies().percentileMillis(99), "ms",
                empty.latencies().percentileMillis(99), Target.atMost(5));
        b.table.add("b", "serving lookup p99.9 " + at, lookup.latencies().percentileMillis(99.9), "ms",
                empty.latencies().percentileMillis(99.9), null);
        b.table.add("b", "serving saturation, " + closed.workers() + " clients (closed loop)", lookupMax.perSecond(),
                "/s", emptyMax.perSecond(), Target.ratioAtLeast(0.8));
        b.table.note(String.format("(b) at %,d events, %d models with champion + canary: lookup %s; GET /me %s; "
                        + "saturation lookup %s; GET /me %s", events, paths.size(), lookup.describe(),
                empty.describe(), lookupMax.describe(), emptyMax.describe()));
    }
}
