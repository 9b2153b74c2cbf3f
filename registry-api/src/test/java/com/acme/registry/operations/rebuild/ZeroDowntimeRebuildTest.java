package com.acme.registry.operations.rebuild;

import com.acme.registry.RegistryApplication;
import com.acme.registry.support.Api;
import com.acme.registry.support.BulkEvents;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild of tens of thousands of events, on a registry of its own: reads answer the pre-rebuild state while it
 * runs, a write made meanwhile survives the switch, the rebuilt tables equal the live ones row for row; a registry
 * stopped during a rebuild finishes it at its next start, and a demo start on that database sends nothing twice.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ZeroDowntimeRebuildTest {

    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("rebuild");
    private static final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(DB.url(), DB.user(),
            DB.password()));
    /** 50,000 events: a rebuild of some seconds here (docs/reliability-rebuild.md), long enough to read during it. */
    private static final int MODELS = 5_000;
    private static final int VERSIONS = 9;
    private static final String SERVING = "/api/v1/models/bnpl-credit-risk/environments/production";

    private static ConfigurableApplicationContext registry;

    @AfterAll
    static void stop() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    @Order(1)
    void readsAnswerThePreRebuildStateUntilTheRebuiltTablesTakeOverAtomically() throws Exception {
        registry = start();
        Api alice = api("alice");
        Api adam = api("adam");
        BulkEvents.append(registry, "bulk", MODELS, VERSIONS);
        await("the read models catch up with the bulk events", 600, () -> caughtUp(adam));
        Api.Response serving = alice.get(SERVING);
        assertThat(serving.status()).isEqualTo(200);
        Map<String, Api.Response> reads = reads(alice);
        reads.forEach((path, read) -> assertThat(read.status()).as(path).isEqualTo(200));
        List<String> indexes = indexes();

        CompletableFuture<Api.Response> rebuild = CompletableFuture.supplyAsync(
                () -> adam.post("/api/v1/admin/read-models/rebuild", null));
        await("the rebuild runs", 60, () -> rebuildStatus(adam).path("running").asBoolean());
        CompletableFuture<Api.Response> second = CompletableFuture.supplyAsync(
                () -> adam.post("/api/v1/admin/read-models/rebuild", null));

        int roundsDuringTheRebuild = 0;
        String written = null;
        Map<String, String> beforeSwitch = null;
        while (rebuildStatus(adam).path("running").asBoolean()) {
            Api.Response servingNow = alice.get(SERVING);
            assertThat(servingNow.status()).isEqualTo(200);
            assertThat(servingNow.json()).isEqualTo(serving.json());
            reads(alice).forEach((path, read) -> {
                assertThat(read.status()).as(path).isEqualTo(200);
                assertThat(read.json()).as(path).isEqualTo(reads.get(path).json());
            });
            if (written == null) {
                Api.Response write = alice.post("/api/v1/models/bulk-7/versions", Samples.version(0.93));
                assertThat(write.status()).as(write.toString()).isEqualTo(201);
                written = write.header("Location");
                assertThat(alice.get(written).status()).as("read-your-writes during the rebuild").isEqualTo(200);
                beforeSwitch = tables();
            }
            if (rebuildStatus(adam).path("running").asBoolean()) {
                roundsDuringTheRebuild++;
            }
        }
        assertThat(roundsDuringTheRebuild).as("rounds of reads and a write that began and ended during the rebuild")
                .isPositive();

        Api.Response answer = rebuild.get(120, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().path("rebuild").path("running").asBoolean()).isFalse();
        assertThat(answer.json().path("rebuild").path("completedAt").isNull()).isFalse();
        answer.json().path("groups").forEach(g -> assertThat(g.path("lag").asLong()).isZero());
        assertThat(second.get(120, TimeUnit.SECONDS).status()).as("a second request joins the rebuild").isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT details FROM audit_record WHERE action = 'ReadModelsRebuilt'"
                + " ORDER BY sequence", String.class)).containsExactlyInAnyOrder(
                "{\"groups\":[\"read-models\"],\"rebuild\":\"started\"}",
                "{\"groups\":[\"read-models\"],\"rebuild\":\"joined\"}");

        assertThat(tables()).as("the rebuilt tables, row for row").isEqualTo(beforeSwitch);
        assertThat(indexes()).as("the swapped-in tables' indexes and constraints").isEqualTo(indexes);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                RebuildSchema.SCHEMA)).isZero();
        assertThat(jdbc.queryForList("SELECT processor_name FROM token_entry", String.class))
                .containsExactlyInAnyOrder("read-models", "audit", "event-feed");
        assertThat(alice.get(SERVING).json()).isEqualTo(serving.json());
        assertThat(alice.get(written).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'ReadModelsRebuildCompleted'"
                + " AND actor = 'adam'", Integer.class)).isEqualTo(1);

        // the live group goes on projecting on the rebuilt tables
        Api.Response after = alice.post("/api/v1/models/bulk-7/versions", Samples.version(0.94));
        assertThat(after.status()).isEqualTo(201);
        assertThat(alice.get(after.header("Location")).status()).isEqualTo(200);
        assertThat(alice.get("/api/v1/models/bulk-7").json().path("versionCount").asInt()).isEqualTo(VERSIONS + 2);
    }

    @Test
    @Order(2)
    void aRegistryStoppedDuringARebuildFinishesItAtItsNextStartAndItsDemoSeedingSendsNothingTwice() {
        if (registry == null) {
            registry = start();
            BulkEvents.append(registry, "bulk", MODELS, VERSIONS);
            await("the read models catch up with the bulk events", 600, () -> caughtUp(api("adam")));
        }
        Map<String, String> before = tables();
        long events = events();
        ReadModelRebuild rebuild = registry.getBean(ReadModelRebuild.class);
        assertThat(rebuild.startOrJoin("adam").started()).isTrue();
        await("the rebuild has made progress", 60, () -> rebuild.status().map(s -> s.position() > 1_000)
                .orElse(false));

        registry.close();
        registry = null;
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                RebuildSchema.SCHEMA)).as("stopped before the rebuild finished").isOne();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ? AND token IS NOT NULL",
                Integer.class, ReadModelRebuild.GROUP)).isOne();
        // what the old demo seeding was misled by: promotion requests missing from the live read model
        jdbc.execute("TRUNCATE promotion_request, promotion_approval");

        registry = start(); // in demo mode again
        Api adam = api("adam");
        await("the resumed rebuild completes", 600, () -> rebuildStatus(adam).path("completedAt").isString());
        assertThat(tables()).as("the rebuilt tables, row for row").isEqualTo(before);
        assertThat(events()).as("events stored by the second demo start").isEqualTo(events);
        assertThat(api("alice").get(SERVING).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                RebuildSchema.SCHEMA)).isZero();
    }

    @Test
    @Order(3)
    void aCancelledRebuildLeavesTheLiveTablesAndNothingOfItself() throws Exception {
        if (registry == null) {
            registry = start();
            BulkEvents.append(registry, "bulk", MODELS, VERSIONS);
            await("the read models catch up with the bulk events", 600, () -> caughtUp(api("adam")));
        }
        Api adam = api("adam");
        Map<String, String> before = tables();
        assertThat(adam.delete("/api/v1/admin/read-models/rebuild").json().path("rule").asString())
                .isEqualTo("no-rebuild-running");
        CompletableFuture<Api.Response> rebuild = CompletableFuture.supplyAsync(
                () -> adam.post("/api/v1/admin/read-models/rebuild", null));
        await("the rebuild runs", 60, () -> rebuildStatus(adam).path("running").asBoolean());
        assertThat(api("alice").delete("/api/v1/admin/read-models/rebuild").status()).isEqualTo(403);
        assertThat(rebuildStatus(adam).path("running").asBoolean()).as("refused, so still running").isTrue();

        Api.Response cancelled = adam.delete("/api/v1/admin/read-models/rebuild");

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        Api.Response waiting = rebuild.get(60, TimeUnit.SECONDS);
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.json().path("rule").asString()).isEqualTo("rebuild-cancelled");
        assertThat(rebuildStatus(adam).path("running").asBoolean()).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_namespace WHERE nspname = ?", Integer.class,
                RebuildSchema.SCHEMA)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class,
                ReadModelRebuild.GROUP)).isZero();
        assertThat(tables()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'ReadModelsRebuildCancelled'"
                + " AND actor = 'adam'", Integer.class)).isEqualTo(1);
        assertThat(api("alice").get(SERVING).status()).isEqualTo(200);
    }

    /** Arguments, not default properties: those would lose against application.yml's keys. */
    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RegistryApplication.class).run(
                "--server.port=0",
                "--registry.demo=true",
                "--spring.datasource.url=" + DB.url(),
                "--spring.datasource.username=" + DB.user(),
                "--spring.datasource.password=" + DB.password(),
                "--registry.audit.signing-key-file=" + TestDatabase.tempDir().resolve("rebuild-audit-key.pem"),
                "--logging.level.root=WARN",
                "--logging.level.com.acme=INFO");
    }

    private static Api api(String user) {
        return Api.basic(registry.getEnvironment().getProperty("local.server.port", Integer.class), user, "demo");
    }

    /** Catalog reads of every kind, by path. */
    private static Map<String, Api.Response> reads(Api api) {
        Map<String, Api.Response> reads = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/models/bulk-42", "/api/v1/models/bulk-42/versions/3",
                "/api/v1/models?namePrefix=bnpl", "/api/v1/models/bnpl-credit-risk/promotions",
                "/api/v1/models/bnpl-credit-risk/versions/1/lineage")) {
            reads.put(path, api.get(path));
        }
        return reads;
    }

    private static boolean caughtUp(Api adam) {
        JsonNode freshness = adam.get("/api/v1/admin/read-models").json();
        boolean caughtUp = true;
        for (JsonNode group : freshness.path("groups")) {
            caughtUp &= group.path("lag").asLong() == 0;
        }
        return caughtUp;
    }

    private static JsonNode rebuildStatus(Api adam) {
        return adam.get("/api/v1/admin/read-models").json().path("rebuild");
    }

    /** Every read-model table: its row count and a digest of its rows, in a stable order. */
    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : RebuildSchema.TABLES) {
            tables.put(table, jdbc.queryForObject("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text,"
                    + " E'\\n' ORDER BY t::text)), '-') FROM public." + table + " t", String.class));
        }
        return tables;
    }

    private static List<String> indexes() {
        return jdbc.queryForList("SELECT tablename || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public'"
                + " AND tablename = ANY (?) ORDER BY 1", String.class, (Object) RebuildSchema.TABLES.toArray(String[]::new));
    }

    private static long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static void await(String what, int seconds, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("%s within %d s", what, seconds).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
