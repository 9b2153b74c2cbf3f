package com.acme.registry.ui.rollout;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
import com.acme.registry.ui.promotion.GovernanceFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static com.acme.registry.ui.promotion.GovernanceFixtures.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An approved HIGH-tier version goes to production from the environment page: a 10% canary, then 50%, then
 * complete; the page shows the new champion and the traffic plot; an emergency rollback then waits in the review
 * queue until a reviewer acknowledges it. Other roles, forged posts and bad input are refused and change nothing.
 */
class RolloutBrowserTest extends IntegrationTest {

    @Test
    void anEngineerRunsACanaryCompletesItAndRollsBack() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-rollout"));
        int v1 = api.version(model, 0.861);
        int v2 = api.version(model, 0.874);
        api.grantProduction(model, v1);
        api.makeChampion(model, v1);
        int request = api.grantProduction(model, v2);
        String page = "/catalog/" + model + "/environments/production";

        try (Browser browser = Browser.open(port, "rollout-alice")) {
            browser.signIn("alice");
            browser.go(page);
            assertThat(browser.find(By.id("serving-heading")).findElement(By.xpath("..")).getText())
                    .contains("Champion").contains("v" + v1 + " at 100%");
            assertThat(browser.find(By.cssSelector("tr.startable")).getText()).contains("v" + v2)
                    .contains("may start a rollout");
            browser.screenshot("environment-granted");

            new Select(browser.field("start-version")).selectByValue(String.valueOf(v2));
            setValue(browser.field("start-traffic"), "10");
            review(browser, "Review rollout…");
            assertThat(browser.path()).startsWith(page + "/confirm/start?");
            assertThat(browser.text()).contains("Canary of v" + v2 + " in production")
                    .contains("production will serve v" + v2 + " at 10% and v" + v1 + " at 90% (now: v" + v1 + " at 100%).")
                    .contains("Allowed by request #" + request + ", approved by rita and ravi.");
            browser.screenshot("confirm-canary");
            assertThat(api.serving(model, PRODUCTION).has("candidate")).as("confirming is not doing").isFalse();
            browser.button("Start rollout").click();
            browser.awaitFlash();
            assertThat(browser.path()).isEqualTo(page);
            assertThat(browser.text()).contains("Started the rollout of v" + v2 + ": production now serves v" + v2
                    + " at 10% and v" + v1 + " at 90%.");
            assertThat(api.serving(model, PRODUCTION).path("candidate").path("trafficPercent").asInt()).isEqualTo(10);
            browser.screenshot("environment-canary");

            setValue(browser.field("traffic-percent"), "50");
            review(browser, "Review traffic change…");
            assertThat(browser.text()).contains("production will serve v" + v2 + " at 50% and v" + v1 + " at 50%");
            browser.screenshot("confirm-traffic");
            browser.button("Change traffic").click();
            browser.awaitFlash();
            assertThat(browser.text()).contains("Changed the traffic: production now serves v" + v2 + " at 50% and v"
                    + v1 + " at 50%.");

            review(browser, "Review completion…");
            assertThat(browser.text()).contains("production will serve v" + v2 + " at 100%; v" + v1
                    + " will stop serving there");
            browser.screenshot("confirm-completion");
            browser.button("Complete rollout").click();
            browser.awaitFlash();
            assertThat(browser.text()).contains("Completed the rollout: production now serves v" + v2 + " at 100%.");
            JsonNode served = api.serving(model, PRODUCTION);
            assertThat(served.path("champion").path("version").asInt()).isEqualTo(v2);
            assertThat(served.has("candidate")).isFalse();

            assertThat(browser.find(By.id("serving-heading")).findElement(By.xpath("..")).getText())
                    .contains("v" + v2 + " at 100%");
            WebElement chart = browser.find(By.cssSelector("svg.traffic"));
            assertThat(chart.getAttribute("role")).isEqualTo("img");
            assertThat(chart.getAttribute("aria-label")).isEqualTo("Traffic split of " + model + " in production over time");
            assertThat(browser.findAll(By.cssSelector("svg.traffic rect.bar"))).hasSizeGreaterThanOrEqualTo(6);
            List<String> periods = browser.findAll(By.cssSelector("#traffic-heading ~ .table-wrap tbody tr")).stream()
                    .map(WebElement::getText).toList();
            assertThat(periods).as("v1's own rollout, v1 alone, the canary, half, v2 alone").hasSize(5);
            assertThat(periods.get(1)).endsWith("v" + v1 + " 100% — —");
            assertThat(periods.get(2)).endsWith("v" + v1 + " 90% v" + v2 + " 10%");
            assertThat(periods.get(3)).endsWith("v" + v1 + " 50% v" + v2 + " 50%");
            assertThat(periods.get(4)).contains("now").endsWith("v" + v2 + " 100% — —");
            assertThat(browser.find(By.cssSelector("#history-heading + .timeline")).getText())
                    .contains("Completed rollout: v" + v2 + " became champion, replacing v" + v1)
                    .contains("Set v" + v2 + " to 50% of traffic")
                    .contains("Started rollout of v" + v2 + " at 10% (request #" + request + ") beside champion v" + v1);
            browser.screenshot("environment-after-completion");

            browser.field("rollback-reason").sendKeys("Approval rate fell 4 points after the release");
            review(browser, "Review rollback…");
            assertThat(browser.text()).contains("Roll production back to v" + v1)
                    .contains("production will serve v" + v1 + " at 100%; v" + v2 + " will stop serving there")
                    .contains("This is an emergency rollback without a new approval");
            assertThat(browser.field("reason").getAttribute("value"))
                    .isEqualTo("Approval rate fell 4 points after the release");
            browser.screenshot("confirm-rollback");
            browser.button("Roll back").click();
            browser.awaitFlash();
            assertThat(browser.text()).contains("Emergency rollback done; a risk reviewer will acknowledge it. "
                    + "production now serves v" + v1 + " at 100%.");
            assertThat(browser.find(By.id("rollbacks-heading")).findElement(By.xpath("..")).getText())
                    .contains("v" + v2 + " → v" + v1).contains("Approval rate fell 4 points after the release")
                    .contains("Waiting for a reviewer");
            browser.screenshot("environment-after-rollback");
        }
        assertThat(api.serving(model, PRODUCTION).path("champion").path("version").asInt()).isEqualTo(v1);
        assertThat(api.rollback(model, 1).path("flagged").asBoolean()).isTrue();

        String entry = "#rollback-" + model + "-1";
        try (Browser browser = Browser.open(port, "rollout-rita")) {
            browser.signIn("rita");
            assertThat(browser.find(By.cssSelector(entry)).getText()).contains(model)
                    .contains("v" + v2 + " back to v" + v1).contains("Approval rate fell 4 points after the release")
                    .contains("alice");
            browser.screenshot("queue-rollback-to-acknowledge");
            browser.field("acknowledge-" + model + "-1").sendKeys("Incident reviewed; rollback was justified");
            browser.find(By.cssSelector(entry + " button")).click();
            assertThat(browser.acceptConfirmation()).startsWith("Acknowledge emergency rollback #1 of " + model
                    + " in production (v" + v2 + " back to v" + v1 + ")?");
            browser.awaitFlash();
            assertThat(browser.text()).contains("Acknowledged emergency rollback #1 of " + model
                    + " in production (back to v" + v1 + ")");
            assertThat(browser.findAll(By.cssSelector(entry))).isEmpty();
            browser.screenshot("queue-after-acknowledgement");

            browser.go(page);
            assertThat(browser.findAll(By.id("actions-heading"))).as("reviewers get no engineer actions").isEmpty();
            assertThat(browser.text()).contains("rita").contains("Incident reviewed; rollback was justified");
            browser.screenshot("environment-as-reviewer");
        }
        JsonNode acknowledged = api.rollback(model, 1);
        assertThat(acknowledged.path("flagged").asBoolean()).isFalse();
        assertThat(acknowledged.path("acknowledgedBy").asString()).isEqualTo("rita");
    }

    @Test
    void engineerActionsAreRefusedToOtherRolesWithoutCsrfAndForBadInput() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-refuse"));
        int v1 = api.version(model, 0.861);
        int v2 = api.version(model, 0.874);
        api.grantProduction(model, v1);
        api.makeChampion(model, v1);
        api.grantProduction(model, v2);
        String page = "/catalog/" + model + "/environments/production";
        Map<String, Map<String, String>> posts = Map.of(
                "/catalog/" + model + "/promotions", Map.of("version", String.valueOf(v2), "environment", "staging",
                        "justification", "forged"),
                page + "/rollout", Map.of("version", String.valueOf(v2), "trafficPercent", "10"),
                page + "/rollout/traffic", Map.of("trafficPercent", "50"),
                page + "/rollout/completion", Map.of(),
                page + "/rollout/abort", Map.of("reason", "forged"),
                page + "/rollback", Map.of("reason", "forged"));
        JsonNode before = api.serving(model, PRODUCTION);

        for (String user : List.of("rita", "carla")) {
            UiSession session = UiSession.signedIn(port, user);
            UiSession.Page environment = session.get(page);
            assertThat(environment.status()).isEqualTo(200);
            assertThat(environment.body()).as("%s sees no actions", user).doesNotContain("id=\"actions-heading\"")
                    .doesNotContain("/confirm/");
            String token = session.csrfToken(page);
            posts.forEach((path, form) -> assertThat(session.post(path, form, token).status())
                    .as("%s POST %s", user, path).isEqualTo(403));
            assertThat(session.get(page + "/confirm/start?version=" + v2 + "&trafficPercent=10").status())
                    .isEqualTo(403);
            assertThat(session.get("/catalog/" + model + "/promotions/new").status()).isEqualTo(403);
        }
        assertThat(api.serving(model, PRODUCTION)).as("refused posts change nothing").isEqualTo(before);

        UiSession alice = UiSession.signedIn(port, "alice");
        String token = alice.csrfToken(page);
        assertThat(alice.post(page + "/rollout", Map.of("version", String.valueOf(v2), "trafficPercent", "10"), null)
                .status()).as("no CSRF token").isEqualTo(403);
        UiSession.Page tooMuch = alice.post(page + "/rollout", Map.of("version", String.valueOf(v2),
                "trafficPercent", "150"), token);
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("trafficPercent: must be between 1 and 100");
        UiSession.Page notANumber = alice.post(page + "/rollout", Map.of("version", String.valueOf(v2),
                "trafficPercent", "lots"), token);
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("trafficPercent");
        UiSession.Page noJustification = alice.post("/catalog/" + model + "/promotions", Map.of("version",
                String.valueOf(v2), "environment", "staging", "justification", ""), token);
        assertThat(noJustification.status()).isEqualTo(400);
        assertThat(noJustification.body()).contains("justification: is required");
        UiSession.Page noReason = alice.post(page + "/rollback", Map.of("reason", ""), token);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason: is required");
        UiSession.Page notNow = alice.post(page + "/rollout/completion", Map.of(), token);
        assertThat(notNow.status()).as("nothing to complete").isEqualTo(409);
        assertThat(notNow.body()).contains("No rollout is in progress in production.");
        assertThat(api.serving(model, PRODUCTION)).as("refused input changes nothing").isEqualTo(before);
        assertThat(as("carla").get(GovernanceFixtures.model(model) + "/promotions?environment=staging").json()
                .path("totalItems").asInt()).isZero();

        try (Browser browser = Browser.open(port, "rollout-refusals")) {
            browser.signIn("alice");
            browser.go(page + "/confirm/start?version=" + v2 + "&mode=canary&trafficPercent=150");
            assertThat(browser.text()).contains("400")
                    .contains("trafficPercent: must be between 1 and 100").contains("Nothing was changed.");
            browser.screenshot("refusal-traffic-150");
        }
        assertThat(api.serving(model, PRODUCTION)).isEqualTo(before);
    }

    @Test
    void aRetiredModelIsOfferedOnlyAbortAndItsRolloutChangesAreRefusedAsRules() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-retired"));
        int v1 = api.version(model, 0.861);
        int v2 = api.version(model, 0.874);
        api.grantProduction(model, v1);
        api.makeChampion(model, v1);
        api.grantProduction(model, v2);
        String page = "/catalog/" + model + "/environments/production";
        assertThat(api.as("alice").post(page.replace("/catalog/", "/api/v1/models/") + "/rollout",
                Map.of("version", v2, "trafficPercent", 10)).status()).isEqualTo(201);
        assertThat(api.as("alice").post(GovernanceFixtures.model(model) + "/retirement",
                Map.of("reason", "replaced", "whileServing", true)).status()).isEqualTo(200);
        JsonNode before = api.serving(model, PRODUCTION);

        UiSession alice = UiSession.signedIn(port, "alice");
        UiSession.Page environment = alice.get(page);
        assertThat(environment.body()).contains("The model is retired: its rollout can only be aborted.")
                .contains("/confirm/abort").doesNotContain("/confirm/traffic").doesNotContain("/confirm/complete")
                .doesNotContain("Request a promotion");
        UiSession.Page review = alice.get(page + "/confirm/traffic?trafficPercent=50");
        assertThat(review.status()).isEqualTo(409);
        assertThat(review.body()).contains("model-retired").contains("cannot change rollout traffic")
                .contains("Nothing was changed.");
        String token = alice.csrfToken(page);
        UiSession.Page forged = alice.post(page + "/rollout/completion", Map.of(), token);
        assertThat(forged.status()).as("the domain refuses a forged form").isEqualTo(409);
        assertThat(forged.body()).contains("model-retired").contains("Nothing was changed.");
        assertThat(api.serving(model, PRODUCTION)).isEqualTo(before);

        assertThat(alice.post(page + "/rollout/abort", Map.of("reason", "model retired"), token).status())
                .as("abort stays allowed").isEqualTo(302);
        assertThat(api.serving(model, PRODUCTION).has("candidate")).isFalse();
    }

    @Test
    void archivingTheChampionIsRefusedAndACanaryIntoAnEmptyEnvironmentSaysWhatServesTheRest() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-first-canary"));
        int v1 = api.version(model, 0.861);
        String page = "/catalog/" + model + "/environments/staging";

        UiSession alice = UiSession.signedIn(port, "alice");
        UiSession.Page review = alice.get(page + "/confirm/start?version=" + v1 + "&mode=canary&trafficPercent=10");
        assertThat(review.status()).isEqualTo(200);
        assertThat(review.body()).contains("staging will serve v" + v1
                + " at 10% (no registered version serves the other 90%)");
        String token = alice.csrfToken(page);
        assertThat(alice.post(page + "/rollout", Map.of("version", String.valueOf(v1), "trafficPercent", "10"), token)
                .status()).isEqualTo(302);
        assertThat(alice.get(page).body()).contains("no registered version serves the other 90%");
    }

    /** Opens the confirmation step of an action; nothing changes until its own button is pressed. */
    private static void review(Browser browser, String button) {
        browser.button(button).click();
        browser.waitUntil(d -> d.getCurrentUrl().contains("/confirm/"));
    }

    private static void setValue(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

}
