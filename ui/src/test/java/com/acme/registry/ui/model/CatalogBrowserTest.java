package com.acme.registry.ui.model;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog, model and version pages in a real Chromium over the demo data (bnpl-credit-risk: v1 production
 * champion approved by rita and ravi, v2 waiting with rita's approval), and over a model registered with hostile
 * text in every field a person can type.
 */
class CatalogBrowserTest extends IntegrationTest {

    private static final String CREDIT_RISK = "bnpl-credit-risk";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "<img src=x onerror=alert(1)>";
    private static final String SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";
    private static final String IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

    @Test
    void catalogListsTheDemoModelsWithTierBadgesAndTheirChampions() {
        try (Browser browser = Browser.open(port, "catalog")) {
            browser.signIn("alice");
            assertThat(browser.path()).isEqualTo("/catalog");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Model catalog");
            browser.screenshot("catalog");

            Map<String, String> tiers = Map.of(CREDIT_RISK, "HIGH", "bnpl-fraud-screen", "HIGH",
                    "collections-propensity", "MEDIUM", "checkout-conversion", "LOW");
            tiers.forEach((model, tier) -> {
                browser.go("/catalog?name=" + model);
                WebElement badge = row(browser, model).findElement(By.cssSelector(".badge"));
                assertThat(badge.getText()).isEqualTo(tier);
                assertThat(badge.getAttribute("class")).contains("tier-" + tier);
            });

            browser.go("/catalog?name=" + CREDIT_RISK);
            WebElement creditRisk = row(browser, CREDIT_RISK);
            assertThat(cell(creditRisk, "production").getText()).isEqualTo("v1 (100%)");
            assertThat(cell(creditRisk, "staging").getText()).startsWith("—").contains("nothing serves here");
            assertThat(creditRisk.getText()).contains("Probability of default at checkout", "underwriting", "v2");
            assertThat(creditRisk.findElement(By.linkText(CREDIT_RISK)).getAttribute("href"))
                    .endsWith("/catalog/" + CREDIT_RISK);

            browser.go("/catalog?name=collections-propensity");
            assertThat(cell(row(browser, "collections-propensity"), "staging").getText()).isEqualTo("v2 (100%)");
        }
    }

    @Test
    void filteringByRiskTierNarrowsTheListWithHtmxAndWithAPlainGet() {
        try (Browser browser = Browser.open(port, "catalog-filter")) {
            browser.signIn("bob");
            browser.go("/catalog");
            JavascriptExecutor page = (JavascriptExecutor) browser.driver();
            page.executeScript("window.catalogPageMarker = 'still the same page'");

            new Select(browser.field("filter-tier")).selectByValue("LOW");
            browser.waitUntil(d -> browser.path().equals("/catalog?tier=LOW"));
            browser.waitUntil(d -> !tiersShown(browser).isEmpty()
                    && tiersShown(browser).stream().allMatch("LOW"::equals));
            assertThat(page.executeScript("return window.catalogPageMarker"))
                    .as("htmx swapped the results without reloading the page").isEqualTo("still the same page");
            assertThat(modelsShown(browser)).contains("checkout-conversion").doesNotContain(CREDIT_RISK);
            assertThat(browser.findAll(By.cssSelector("header.top"))).as("only the results were swapped").hasSize(1);
            assertThat(browser.findAll(By.id("result-count"))).hasSize(1);
            assertThat(browser.find(By.id("clear-filters")).getText()).isEqualTo("Clear filters");
            assertThat(browser.find(By.cssSelector(".result-count")).getText()).contains("match the filters");
            browser.screenshot("catalog-low-tier-htmx");

            browser.field("filter-name").sendKeys("check");
            browser.waitUntil(d -> browser.path().equals("/catalog?name=check&tier=LOW"));
            browser.waitUntil(d -> modelsShown(browser).equals(List.of("checkout-conversion")));

            browser.go("/catalog?tier=MEDIUM");
            assertThat(new Select(browser.field("filter-tier")).getFirstSelectedOption().getText()).isEqualTo("MEDIUM");
            assertThat(tiersShown(browser)).isNotEmpty().allMatch("MEDIUM"::equals);
            assertThat(modelsShown(browser)).contains("collections-propensity");
        }
        UiSession.Page high = UiSession.signedIn(port, "adam").get("/catalog?tier=HIGH");
        assertThat(high.status()).isEqualTo(200);
        assertThat(high.body()).as("a plain GET gets the whole page").contains("<h1>Model catalog</h1>")
                .contains(">bnpl-credit-risk<", ">bnpl-fraud-screen<")
                .doesNotContain(">checkout-conversion<", ">collections-propensity<");
    }

    @Test
    void modelPageShowsTheProductionChampionBothVersionsTheMetricChartAndTheHistory() {
        try (Browser browser = Browser.open(port, "model")) {
            browser.signIn("alice");
            browser.go("/catalog/" + CREDIT_RISK);
            browser.screenshot("model-bnpl-credit-risk");

            WebElement production = browser.find(By.cssSelector("article.environment[data-environment=production]"));
            assertThat(production.findElement(By.cssSelector(".champion")).getText()).startsWith("v1 at 100%");
            assertThat(production.findElement(By.cssSelector("svg.split")).getAttribute("aria-label"))
                    .isEqualTo("Traffic split: v1 100%");
            assertThat(production.findElement(By.cssSelector("a.environment-link")).getAttribute("href"))
                    .endsWith("/catalog/" + CREDIT_RISK + "/environments/production");
            assertThat(browser.find(By.cssSelector("article.environment[data-environment=staging]")).getText())
                    .contains("Nothing serves here.");

            List<WebElement> versions = browser.findAll(By.cssSelector(".versions-table tbody tr"));
            assertThat(versions).extracting(v -> v.getAttribute("data-version")).containsExactly("2", "1");
            assertThat(versions.get(1).getText()).contains("0.861", "0.5", "production champion", "alice");
            assertThat(versions.get(0).getText()).contains("0.871", "0.52", "from v1");
            assertThat(browser.findAll(By.linkText("Request promotion"))).extracting(a -> a.getAttribute("href"))
                    .containsExactly(url("/catalog/" + CREDIT_RISK + "/promotions/new?version=2"),
                            url("/catalog/" + CREDIT_RISK + "/promotions/new?version=1"));

            WebElement chart = browser.find(By.cssSelector("svg.metric-chart"));
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.findElements(By.cssSelector("g.panel"))).hasSize(2);
            assertThat(chart.findElements(By.cssSelector("rect.bar"))).hasSize(4);
            assertThat(browser.findAll(By.cssSelector(".chart-data tbody tr"))).hasSize(2);

            String history = browser.find(By.cssSelector(".history-table")).getText();
            assertThat(history).contains("Model registered", "Version registered", "Promotion requested", "Approved",
                    "Rollout completed", "rita", "ravi", "Fairness and adverse-action checks pass");
        }
        UiSession.Page asReviewer = UiSession.signedIn(port, "rita").get("/catalog/" + CREDIT_RISK);
        assertThat(asReviewer.status()).isEqualTo(200);
        assertThat(asReviewer.body()).as("only engineers are offered to request a promotion")
                .doesNotContain("promotions/new").doesNotContain("Request promotion");
    }

    @Test
    void versionPageComparesWithTheChampionAndShowsLineageApprovalsAndTimeline() {
        try (Browser browser = Browser.open(port, "version")) {
            browser.signIn("rita");
            browser.go("/catalog/" + CREDIT_RISK + "/versions/2");
            browser.screenshot("version-bnpl-credit-risk-v2");

            WebElement auc = browser.find(By.cssSelector("table.comparison tr[data-metric=auc]"));
            assertThat(cells(auc)).containsExactly("0.871", "0.861", "+0.01", "better");
            assertThat(auc.getAttribute("class")).isEqualTo("better");
            assertThat(cells(browser.find(By.cssSelector("table.comparison tr[data-metric=ks]"))))
                    .containsExactly("0.52", "0.5", "+0.02", "better");
            assertThat(browser.find(By.cssSelector(".comparison-summary")).getText())
                    .isEqualTo("Against v1: 2 better, 0 worse");

            WebElement lineage = browser.find(By.cssSelector("svg.lineage"));
            assertThat(lineage.getAttribute("role")).isEqualTo("img");
            assertThat(lineage.findElements(By.cssSelector("g.node .node-title"))).extracting(WebElement::getText)
                    .contains("applications @ 2026-11-01", "applications-holdout @ 2026-11-01", "Features (2)",
                            "commit 3f2c1a9", "v1 · parent", "v2 · this version");
            assertThat(lineage.findElements(By.cssSelector("path.edge"))).hasSize(6);

            WebElement request = browser.find(By.cssSelector("article.request"));
            assertThat(request.getText()).contains("Request #2", "production", "PENDING", "Requested by alice",
                    "Monthly retrain, AUC +1pt", "Approved by rita", "Looks good; needs a second reviewer");
            assertThat(request.findElement(By.cssSelector(".still-needed")).getText())
                    .isEqualTo("1 more approval needed (1 of 2 given)");

            String timeline = browser.find(By.cssSelector("ol.timeline")).getText();
            assertThat(timeline).contains("Version registered", "Promotion requested", "Approved", "rita")
                    .doesNotContain("Rollout completed");
            assertThat(browser.text()).contains("s3://ml-artifacts/3f2c1a9/2026-11-01/model.onnx",
                    "48.2 kB (48,213 bytes)",
                    "utilization_90d", "max_depth", "git@github.com:acme/credit-models.git");
            assertThat(browser.findAll(By.linkText("Request promotion"))).as("rita is no engineer").isEmpty();

            browser.go("/catalog/" + CREDIT_RISK + "/versions/1");
            assertThat(browser.text()).contains("This version is the production champion.",
                    "Approved by rita", "Approved by ravi", "GRANTED");
            browser.screenshot("version-bnpl-credit-risk-v1");
        }
    }

    @Test
    void aRolloutInProgressShowsBothVersionsWithTheirTrafficOnEveryPage() {
        String model = uniqueName("zz-canary");
        Map<String, Object> body = Samples.model(model);
        body.put("riskTier", "LOW");
        assertThat(as("alice").post("/api/v1/models", body).status()).isEqualTo(201);
        for (double auc : new double[] {0.80, 0.78}) {
            Map<String, Object> version = Samples.version(auc);
            version.put("metrics", Map.of("auc", auc, "logloss", auc > 0.79 ? 0.40 : 0.38));
            assertThat(as("alice").post("/api/v1/models/" + model + "/versions", version).status()).isEqualTo(201);
        }
        release(model, 1, 10);
        ok(as("alice").post("/api/v1/models/" + model + "/environments/production/rollout/completion", null));
        release(model, 2, 25);

        try (Browser browser = Browser.open(port, "rollout-in-progress")) {
            browser.signIn("alice");
            browser.go("/catalog?name=" + model);
            assertThat(cell(row(browser, model), "production").getText()).isEqualTo("v1 (75%)\nrollout v2 (25%)");

            browser.go("/catalog/" + model);
            WebElement production = browser.find(By.cssSelector("article.environment[data-environment=production]"));
            assertThat(production.getText()).contains("Champion", "v1 at 75%", "Rollout", "v2 at 25%", "since");
            assertThat(production.findElement(By.cssSelector("svg.split")).getAttribute("aria-label"))
                    .isEqualTo("Traffic split: v1 75%, v2 25%");
            assertThat(browser.find(By.cssSelector(".versions-table tr[data-version='2']")).getText())
                    .contains("production rollout at 25%");
            assertThat(browser.find(By.cssSelector(".versions-table tr[data-version='1']")).getText())
                    .contains("production champion at 75%");
            browser.screenshot("model-with-rollout");

            browser.go("/catalog/" + model + "/versions/2");
            assertThat(browser.find(By.cssSelector(".summary-strip")).getText()).contains("production rollout at 25%");
            assertThat(cells(browser.find(By.cssSelector("table.comparison tr[data-metric=auc]"))))
                    .containsExactly("0.78", "0.8", "\u22120.02", "worse");
            assertThat(cells(browser.find(By.cssSelector("table.comparison tr[data-metric=logloss]"))))
                    .as("a lower loss is better").containsExactly("0.38", "0.4", "\u22120.02", "better");
            assertThat(browser.find(By.cssSelector("article.request")).getText())
                    .contains("GRANTED", "a rollout may start until");
            assertThat(browser.find(By.cssSelector("ol.timeline")).getText())
                    .contains("Rollout started", "25% traffic");
            browser.screenshot("version-in-rollout");
        }
    }

    @Test
    void theCatalogPagesWithAndWithoutJavaScript() {
        String prefix = uniqueName("zz-page");
        for (int i = 1; i <= CatalogController.PAGE_SIZE + 1; i++) {
            Map<String, Object> body = Samples.model(prefix + "-" + String.format("%02d", i));
            assertThat(as("bob").post("/api/v1/models", body).status()).isEqualTo(201);
        }
        try (Browser browser = Browser.open(port, "catalog-paging")) {
            browser.signIn("bob");
            browser.go("/catalog?name=" + prefix);
            assertThat(browser.find(By.cssSelector(".result-count")).getText()).contains("21 models", "page 1 of 2");
            assertThat(modelsShown(browser)).hasSize(CatalogController.PAGE_SIZE).first().isEqualTo(prefix + "-01");
            browser.find(By.linkText("Next page →")).click();
            browser.waitUntil(d -> modelsShown(browser).equals(List.of(prefix + "-21")));
            assertThat(browser.path()).isEqualTo("/catalog?name=" + prefix + "&page=1");
            assertThat(browser.find(By.cssSelector(".pager")).getText()).contains("← Previous page", "Page 2 of 2");
            browser.screenshot("catalog-second-page");
        }
        UiSession.Page second = UiSession.signedIn(port, "bob").get("/catalog?name=" + prefix + "&page=1");
        assertThat(second.body()).contains(">" + prefix + "-21<").doesNotContain(">" + prefix + "-20<");
    }

    @Test
    void hostileTextShowsAsTextOnCatalogModelAndVersionPages() {
        String model = uniqueName("zz-hostile");
        Api alice = as("alice");
        Map<String, Object> body = Samples.model(model);
        body.put("description", SCRIPT + " " + IMG);
        body.put("ownerTeam", "team " + IMG);
        body.put("intendedUse", SCRIPT);
        body.put("useRestrictions", IMG);
        body.put("tags", Map.of(IMG, SCRIPT));
        assertThat(alice.post("/api/v1/models", body).status()).isEqualTo(201);
        Map<String, Object> version = Samples.version();
        version.put("description", SCRIPT);
        version.put("framework", IMG);
        version.put("tags", Map.of("note", IMG));
        version.put("params", Map.of(IMG, SCRIPT));
        version.put("metrics", Map.of("auc", 0.8, IMG, 0.5));
        version.put("features", List.of(IMG, SCRIPT));
        version.put("signature", Map.of("inputs", List.of(Map.of("name", IMG, "type", SCRIPT)),
                "outputs", List.of(Map.of("name", "pd", "type", "double"))));
        version.put("trainingRun", Map.of("id", IMG, "uri", "javascript:alert(1)"));
        version.put("source", Map.of("repository", IMG, "commit", "3f2c1a9"));
        version.put("datasets", List.of(Map.of("name", IMG, "version", SCRIPT, "uri", "s3://data/x",
                "digest", Samples.DIGEST, "role", "training")));
        Api.Response registered = alice.post("/api/v1/models/" + model + "/versions", version);
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        Api.Response requested = alice.post("/api/v1/models/" + model + "/promotions", Map.of("version", 1,
                "environment", "production", "justification", SCRIPT, "validationReportUri", "javascript:alert(1)"));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        Api.Response approved = as("rita").post("/api/v1/models/" + model + "/promotions/1/approvals",
                Map.of("comment", IMG));
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);

        List<String> pages = List.of("/catalog?name=" + model, "/catalog/" + model,
                "/catalog/" + model + "/versions/1");
        UiSession session = UiSession.signedIn(port, "bob");
        for (String path : pages) {
            String html = session.get(path).body();
            assertThat(html).as(path).contains(SCRIPT_ESCAPED, IMG_ESCAPED)
                    .doesNotContain(SCRIPT, IMG, "href=\"javascript:");
        }
        try (Browser browser = Browser.open(port, "hostile-text")) {
            browser.signIn("bob");
            for (String path : pages) {
                browser.go(path);
                assertNoAlert(browser);
                assertThat(browser.findAll(By.cssSelector("img[src=x], img[onerror]"))).as(path).isEmpty();
                assertThat(browser.findAll(By.xpath("//script[contains(., 'alert')]"))).as(path).isEmpty();
                assertThat(browser.findAll(By.cssSelector("a[href^='javascript']"))).as(path).isEmpty();
                assertThat(browser.text()).as(path).contains(IMG);
                assertThat(browser.pageSource()).as(path).contains(IMG_ESCAPED);
                browser.screenshot("hostile" + path.replaceAll("[^a-z0-9]+", "-"));
            }
            assertThat(browser.text()).contains(SCRIPT, "javascript:alert(1)");
            assertThat(browser.find(By.cssSelector("svg.lineage")).getText()).contains("<img src=x");
        }
    }

    @Test
    void unknownModelsAndVersionsAreRefusedWithoutAServerError() {
        UiSession session = UiSession.signedIn(port, "alice");
        UiSession.Page unknownModel = session.get("/catalog/no-such-model");
        assertThat(unknownModel.status()).isEqualTo(404);
        assertThat(unknownModel.body()).contains("No model named &#39;no-such-model&#39; is registered.");
        UiSession.Page unknownVersion = session.get("/catalog/" + CREDIT_RISK + "/versions/99");
        assertThat(unknownVersion.status()).isEqualTo(404);
        assertThat(unknownVersion.body()).contains("has no version 99");
        assertThat(session.get("/catalog/" + CREDIT_RISK + "/versions/two").status()).isEqualTo(400);
        assertThat(session.get("/catalog?tier=EXTREME").status()).isEqualTo(400);
        assertThat(session.get("/catalog?page=-1").status()).isEqualTo(400);

        UiSession.Page anonymous = UiSession.anonymous(port).get("/catalog/" + CREDIT_RISK);
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.location()).endsWith("/login");

        try (Browser browser = Browser.open(port, "catalog-refusals")) {
            browser.signIn("alice");
            browser.go("/catalog/no-such-model");
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("Not found");
            assertThat(browser.text()).contains("404", "No model named 'no-such-model' is registered.");
            browser.screenshot("unknown-model");
        }
    }

    private void release(String model, int version, int trafficPercent) {
        Api.Response requested = as("alice").post("/api/v1/models/" + model + "/promotions", Map.of("version", version,
                "environment", "production", "justification", "Challenger beat the champion in shadow mode",
                "validationReportUri", "https://validation.internal/reports/" + model + "/" + version));
        ok(requested);
        int request = requested.json().path("requestNumber").asInt();
        ok(as("rita").post("/api/v1/models/" + model + "/promotions/" + request + "/approvals",
                Map.of("comment", "Reviewed the validation report")));
        ok(as("alice").post("/api/v1/models/" + model + "/environments/production/rollout",
                Map.of("version", version, "trafficPercent", trafficPercent)));
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as("%s", response).isBetween(200, 201);
    }

    private static WebElement row(Browser browser, String model) {
        return browser.find(By.cssSelector("#results tr[data-model='" + model + "']"));
    }

    private static WebElement cell(WebElement row, String environment) {
        return row.findElement(By.cssSelector("td[data-environment='" + environment + "']"));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private static List<String> tiersShown(Browser browser) {
        try {
            return browser.findAll(By.cssSelector("#results tr[data-model] .badge")).stream()
                    .map(WebElement::getText).toList();
        } catch (StaleElementReferenceException swapping) {
            return List.of();
        }
    }

    private static List<String> modelsShown(Browser browser) {
        try {
            return browser.findAll(By.cssSelector("#results tr[data-model]")).stream()
                    .map(r -> r.getAttribute("data-model")).toList();
        } catch (StaleElementReferenceException swapping) {
            return List.of();
        }
    }

    private static void assertNoAlert(Browser browser) {
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
