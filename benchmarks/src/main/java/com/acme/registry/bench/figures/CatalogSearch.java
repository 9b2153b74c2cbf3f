package com.acme.registry.bench.figures;

import com.acme.registry.bench.Bench;
import com.acme.registry.bench.http.HttpConnection;
import com.acme.registry.bench.load.Latencies;
import com.acme.registry.bench.load.LoadResult;
import com.acme.registry.bench.load.OpenLoop;
import com.acme.registry.bench.registry.Registry;
import com.acme.registry.bench.report.Target;
import com.acme.registry.bench.seed.Evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * (c) Catalog search, GET /api/v1/models?… with a READER token, open loop at a fixed rate, over four query shapes in
 * turn (name prefix; owner team and risk tier; tag; risk tier and status, paged). Each shape's single-client service
 * time is noted too, to tell which query costs what.
 */
public final class CatalogSearch {

    private CatalogSearch() {
    }

    record Shape(String name, LongFunction<String> path) {
    }

    static List<Shape> shapes() {
        List<String> teams = Evidence.TEAMS;
        List<String> domains = Evidence.DOMAINS;
        return List.of(
                // seed-<team>-0001…: the ten seed models 100..199 of that team
                new Shape("namePrefix", s -> "/api/v1/models?namePrefix=seed-" + teams.get((int) (s % teams.size()))
                        + "-0001&size=20"),
                new Shape("ownerTeam+riskTier", s -> "/api/v1/models?ownerTeam=" + teams.get((int) (s % teams.size()))
                        + "&riskTier=HIGH&size=20"),
                new Shape("tag", s -> "/api/v1/models?tag=" + Registry.query("domain:" + domains.get((int) (s % domains.size())))
                        + "&size=20&page=" + (s % 3)),
                new Shape("riskTier+status, page 5", s -> "/api/v1/models?riskTier=MEDIUM&status=ACTIVE&size=50&page="
                        + (s % 5)));
    }

    public static void run(Bench b, Bench.Stage stage, long events) throws Exception {
        List<Shape> shapes = shapes();
        LongFunction<String> mixed = s -> shapes.get((int) (s % shapes.size())).path().apply(s / shapes.size());
        var headers = Registry.bearer(b.tokens.reader());
        double rate = b.settings.catalogRate();
        b.log("(c) catalog search, open loop at %.0f/s…", rate);
        LoadResult result = OpenLoop.run(new OpenLoop.Settings(rate, b.settings.warmup(), b.settings.duration(), 8,
                Duration.ofSeconds(10)), w -> new Get(b.registry.base(), headers, mixed));
        b.log("(c) %s", result.describe());
        String at = String.format("at %,.0f/s", rate);
        if (stage.growth()) {
            b.growth.add(stage.targetEvents(), "c", "catalog search p50 " + at, result.latencies().percentileMillis(50), "ms", false);
            b.growth.add(stage.targetEvents(), "c", "catalog search p99 " + at, result.latencies().percentileMillis(99), "ms", false);
        }
        if (!stage.main()) {
            return;
        }
        long models = b.db.queryLong("SELECT count(*) FROM catalog_model");
        long versions = b.db.queryLong("SELECT count(*) FROM catalog_version");
        b.table.add("c", String.format("catalog search p50 %s offered, %,.0f/s answered (%,d models, %,d versions)", at,
                        result.perSecond(), models, versions),
                result.latencies().percentileMillis(50), "ms", null, null);
        b.table.add("c", "catalog search p99 " + at, result.latencies().percentileMillis(99), "ms", null,
                Target.atMost(50));
        List<String> perShape = new ArrayList<>();
        try (HttpConnection http = b.registry.connect()) {
            for (Shape shape : shapes) {
                Latencies l = new Latencies();
                for (int i = 0; i < 30; i++) {
                    long t = System.nanoTime();
                    b.registry.expect(http.get(shape.path().apply(i), headers), 200, shape.name());
                    l.recordNanos(System.nanoTime() - t);
                }
                perShape.add(String.format("%s p50 %.1f ms", shape.name(), l.percentileMillis(50)));
            }
        }
        b.table.note(String.format("(c) at %,d events: %s; one client, one shape at a time: %s", events,
                result.describe(), String.join(", ", perShape)));
    }
}
