package com.acme.registry.ui.journey;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One release of a HIGH-tier version through the web UI only, as the issue tells it: the engineer requests it;
 * reviewer one approves; the requester — who is a risk reviewer too — is offered no approval and a forged one is
 * refused; reviewer two approves; the engineer runs a canary and completes it; compliance exports the trail and
 * verifies it in the UI. Screenshots of every step are under target/screenshots/release-journey-*.
 */
class ReleaseJourneyBrowserTest extends IntegrationTest {

    private static final String PASSWORD = "journey-pass-123";

    @Test
    void aHighTierVersionGoesFromRequestToProductionAndTheTrailVerifies() throws IOException {
        String erin = uniqueName("erin");
        Api.Response created = as("adam").post("/api/v1/admin/users", Map.of("username", erin, "password", PASSWORD,
                "roles", List.of("ML_ENGINEER", "RISK_REVIEWER")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        Api asErin = Api.basic(port, erin, PASSWORD);
        String model = uniqueName("bnpl-instalment-risk");
        assertThat(asErin.post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        assertThat(asErin.post("/api/v1/models/" + model + "/versions", Samples.version(0.88)).status()).isEqualTo(201);
        String entry = "#request-" + model + "-1";

        try (Browser browser = Browser.open(port, "release-journey-engineer-request")) {
            browser.signIn(erin, PASSWORD);
            browser.go("/catalog/" + model + "/versions/1");
            browser.screenshot("version");
            browser.find(By.linkText("Request promotion")).click();
            new Select(browser.field("environment")).selectByValue("production");
            browser.field("justification").sendKeys("First release of the instalment-risk model");
            browser.field("validationReportUri").sendKeys("https://validation.internal/reports/" + model + "/1");
            browser.screenshot("promotion-form");
            browser.button("Request promotion").click();
            assertThat(browser.awaitFlash()).contains("Requested promotion of v1 to production (request #1)");
            browser.screenshot("requested");
        }
        assertThat(request(model).path("status").asString()).isEqualTo("PENDING");

        try (Browser browser = Browser.open(port, "release-journey-reviewer-one")) {
            browser.signIn("rita");
            browser.field("approve-" + model + "-1").sendKeys("Backtest, PSI and adverse-action reasons reviewed");
            browser.screenshot("queue");
            browser.find(By.cssSelector(entry + " button.approve")).click();
            assertThat(browser.acceptConfirmation()).contains("approval 1 of 2");
            assertThat(browser.awaitFlash()).contains("1 more approval needed");
            browser.screenshot("approved-once");
        }

        try (Browser browser = Browser.open(port, "release-journey-requester")) {
            browser.signIn(erin, PASSWORD);
            assertThat(browser.path()).isEqualTo("/reviews");
            String own = browser.find(By.cssSelector(entry)).getText();
            assertThat(own).contains("You registered this version").contains("another risk reviewer decides");
            assertThat(browser.findAll(By.cssSelector(entry + " button"))).as("no action offered").isEmpty();
            browser.screenshot("own-request-in-queue");
        }
        UiSession forger = UiSession.signedIn(port, erin, PASSWORD);
        UiSession.Page forged = forger.post("/reviews/" + model + "/1/approval",
                Map.of("comment", "Approving my own work"), forger.csrfToken("/reviews"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.body()).contains("segregation-of-duties");
        assertThat(request(model).path("approvals").size()).as("the forged approval changed nothing").isEqualTo(1);

        try (Browser browser = Browser.open(port, "release-journey-reviewer-two")) {
            browser.signIn("ravi");
            browser.field("approve-" + model + "-1").sendKeys("Fairness across age bands within tolerance");
            browser.find(By.cssSelector(entry + " button.approve")).click();
            assertThat(browser.acceptConfirmation()).contains("the request will be granted");
            assertThat(browser.awaitFlash()).contains("granted");
            browser.screenshot("granted");
        }
        assertThat(request(model).path("status").asString()).isEqualTo("GRANTED");

        String environment = "/catalog/" + model + "/environments/production";
        try (Browser browser = Browser.open(port, "release-journey-engineer-rollout")) {
            browser.signIn(erin, PASSWORD);
            browser.go(environment);
            new Select(browser.field("start-version")).selectByValue("1");
            browser.field("start-traffic").clear();
            browser.field("start-traffic").sendKeys("10");
            browser.button("Review rollout…").click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/confirm/start"));
            assertThat(browser.text()).contains("production will serve v1 at 10%");
            browser.screenshot("confirm-canary");
            browser.button("Start rollout").click();
            assertThat(browser.awaitFlash()).contains("Started the rollout of v1");
            assertThat(serving(model).path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
            browser.screenshot("canary");

            browser.button("Review completion…").click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/confirm/complete"));
            assertThat(browser.text()).contains("production will serve v1 at 100%");
            browser.button("Complete rollout").click();
            assertThat(browser.awaitFlash()).contains("production now serves v1 at 100%");
            browser.screenshot("completed");
        }
        JsonNode served = serving(model);
        assertThat(served.path("champion").path("version").asInt()).isEqualTo(1);
        assertThat(served.path("champion").path("trafficPercent").asInt()).isEqualTo(100);

        try (Browser browser = Browser.open(port, "release-journey-compliance")) {
            browser.signIn("carla");
            browser.go("/compliance/export?model=" + model);
            browser.screenshot("export");
            browser.button("Download signed export").click();
            Path export = browser.awaitDownload(".jsonl");
            List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
            assertThat(String.join("\n", lines)).contains("PromotionApproved").contains("RolloutCompleted")
                    .contains("\"actor\":\"ravi\"").contains("\"actor\":\"" + erin + "\"");

            browser.go("/compliance/verification");
            assertThat(browser.verifyExport(export)).contains("Valid: intact and signed by this registry");
            browser.screenshot("verified");
        }
    }

    private JsonNode request(String model) {
        return as("carla").get("/api/v1/models/" + model + "/promotions/1").json();
    }

    private JsonNode serving(String model) {
        return as("carla").get("/api/v1/models/" + model + "/environments/production").json();
    }
}
