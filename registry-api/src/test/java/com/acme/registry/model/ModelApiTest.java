package com.acme.registry.model;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelApiTest extends IntegrationTest {

    @Test
    void registersAModelAndShowsItAtOnce() {
        String name = uniqueName("risk");
        Map<String, Object> body = Samples.model(name);
        body.put("registeredBy", "mallory");

        Api.Response created = as("alice").post("/api/v1/models", body);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/v1/models/" + name);
        JsonNode model = as("rita").get("/api/v1/models/" + name).json();
        assertThat(model.path("name").asString()).isEqualTo(name);
        assertThat(model.path("ownerTeam").asString()).isEqualTo("underwriting");
        assertThat(model.path("riskTier").asString()).isEqualTo("HIGH");
        assertThat(model.path("intendedUse").asString()).isEqualTo("Real-time BNPL credit decisions");
        assertThat(model.path("useRestrictions").asString()).isEqualTo("Not for collections");
        assertThat(model.path("tags").path("domain").asString()).isEqualTo("bnpl");
        assertThat(model.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(model.path("registeredBy").asString()).isEqualTo("alice");
        assertThat(model.path("versionCount").asInt()).isZero();
    }

    @Test
    void aNameIsTakenForeverAlsoAfterRetirement() {
        String name = uniqueName("once");
        assertThat(as("alice").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(201);

        Api.Response again = as("bob").post("/api/v1/models", Samples.model(name));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().path("rule").asString()).isEqualTo("model-name-taken");

        assertThat(as("alice").post("/api/v1/models/" + name + "/retirement", Map.of("reason", "replaced")).status())
                .isEqualTo(200);
        assertThat(as("bob").post("/api/v1/models", Samples.model(name)).status()).isEqualTo(409);
        assertThat(as("bob").get("/api/v1/models/" + name).json().path("registeredBy").asString()).isEqualTo("alice");
    }

    @Test
    void badInputIsRefusedNamingEachFieldAndStoresNothing() {
        String name = "Not A Slug";
        Map<String, Object> body = Samples.model(name);
        body.remove("ownerTeam");
        body.put("intendedUse", "");
        body.put("description", "x".repeat(4001));

        Api.Response refused = as("alice").post("/api/v1/models", body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactlyInAnyOrder("name", "ownerTeam", "intendedUse", "description");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, name)).isZero();
    }

    @Test
    void anUnknownRiskTierOrFieldOrBrokenJsonIsA400NamingIt() {
        Map<String, Object> body = Samples.model(uniqueName("tier"));
        body.put("riskTier", "EXTREME");
        Api.Response tier = as("alice").post("/api/v1/models", body);
        assertThat(tier.status()).isEqualTo(400);
        assertThat(fields(tier)).containsExactly("riskTier");
        assertThat(tier.json().path("detail").asString()).contains("HIGH", "MEDIUM", "LOW");

        Map<String, Object> typo = Samples.model(uniqueName("typo"));
        typo.put("ownerTeem", "x");
        Api.Response unknown = as("alice").post("/api/v1/models", typo);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(fields(unknown)).containsExactly("ownerTeem");

        Api.Response broken = as("alice").post("/api/v1/models", "{\"name\": ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(fields(broken)).containsExactly("body");

        Api.Response empty = as("alice").send("POST", "/api/v1/models", "");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void unknownModelIs404() {
        Api.Response missing = as("carla").get("/api/v1/models/no-such-model");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).contains("no-such-model");
        assertThat(as("alice").post("/api/v1/models/no-such-model/retirement", Map.of("reason", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void retirementNeedsAReasonAndHappensOnce() {
        String name = uniqueName("retire");
        as("alice").post("/api/v1/models", Samples.model(name));

        Api.Response noReason = as("alice").post("/api/v1/models/" + name + "/retirement", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");

        JsonNode retired = as("bob").post("/api/v1/models/" + name + "/retirement",
                Map.of("reason", "superseded by v2 family")).json();
        assertThat(retired.path("status").asString()).isEqualTo("RETIRED");
        assertThat(retired.path("retiredBy").asString()).isEqualTo("bob");
        assertThat(retired.path("retirementReason").asString()).isEqualTo("superseded by v2 family");

        Api.Response twice = as("alice").post("/api/v1/models/" + name + "/retirement", Map.of("reason", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("rule").asString()).isEqualTo("model-retired");
        Api.Response newVersion = as("alice").post("/api/v1/models/" + name + "/versions", Samples.version());
        assertThat(newVersion.status()).isEqualTo(409);
        assertThat(newVersion.json().path("detail").asString()).contains("retired");
    }

    @Test
    void searchesByPrefixTeamTierTagAndStatusWithPaging() {
        String prefix = uniqueName("search");
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = Samples.model(prefix + "-m" + i);
            body.put("ownerTeam", i < 3 ? "team-" + prefix : "other-" + prefix);
            body.put("riskTier", i % 2 == 0 ? "HIGH" : "LOW");
            body.put("tags", i == 4 ? Map.of("purpose", "fraud") : Map.of("purpose", "credit"));
            assertThat(as("alice").post("/api/v1/models", body).status()).isEqualTo(201);
        }
        as("alice").post("/api/v1/models/" + prefix + "-m1/retirement", Map.of("reason", "test"));
        Api api = as("carla");

        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix))).hasSize(5);
        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix + "&ownerTeam=team-" + prefix)))
                .containsExactly(prefix + "-m0", prefix + "-m1", prefix + "-m2");
        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix + "&riskTier=LOW")))
                .containsExactly(prefix + "-m1", prefix + "-m3");
        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix + "&tag=purpose:fraud")))
                .containsExactly(prefix + "-m4");
        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix + "&tag=purpose"))).hasSize(5);
        assertThat(names(api.get("/api/v1/models?namePrefix=" + prefix + "&status=RETIRED")))
                .containsExactly(prefix + "-m1");

        JsonNode page = api.get("/api/v1/models?namePrefix=" + prefix + "&size=2&page=1").json();
        assertThat(page.path("totalItems").asInt()).isEqualTo(5);
        assertThat(page.path("totalPages").asInt()).isEqualTo(3);
        assertThat(names(page)).containsExactly(prefix + "-m2", prefix + "-m3");
    }

    @Test
    void badSearchParametersAre400NamingTheParameter() {
        assertThat(fields(as("alice").get("/api/v1/models?riskTier=HUGE"))).containsExactly("riskTier");
        assertThat(fields(as("alice").get("/api/v1/models?size=1000"))).containsExactly("size");
        assertThat(fields(as("alice").get("/api/v1/models?page=-1"))).containsExactly("page");
        assertThat(fields(as("alice").get("/api/v1/models?page=abc"))).containsExactly("page");
        assertThat(fields(as("alice").get("/api/v1/models?status=GONE"))).containsExactly("status");
    }

    static List<String> fields(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }

    private static List<String> names(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return names(response.json());
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(m -> names.add(m.path("name").asString()));
        return names;
    }
}
