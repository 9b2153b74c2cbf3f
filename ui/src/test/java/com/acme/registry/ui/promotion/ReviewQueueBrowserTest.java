package com.acme.registry.ui.promotion;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
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
 * A HIGH-tier version on its way to production through the UI: the engineer requests it, two reviewers approve it
 * from their queue; nobody approves twice, engineers have no queue, and what a browser would not send is refused
 * by the server and changes nothing.
 */
class ReviewQueueBrowserTest extends IntegrationTest {

    private static final String DUAL_PASSWORD = "demo-pass-123";
    private static final String HOSTILE = "Retrain <b>bold</b> & <script>alert('x')</script>";

    @Test
    void anEngineerRequestsAndTwoReviewersGrantFromTheirQueue() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-review"));
        int version = api.version(model, 0.874);
        String entry = "#request-" + model + "-1";

        UiSession alice = UiSession.signedIn(port, "alice");
        try (Browser browser = Browser.open(port, "review-queue-alice")) {
            browser.signIn("alice");
            browser.go("/catalog/" + model + "/promotions/new?version=" + version);
            assertThat(browser.text()).contains("Request promotion of " + model)
                    .contains("production needs 2 risk-reviewer approvals for a HIGH-tier model")
                    .contains("staging is granted at once");
            new Select(browser.field("environment")).selectByValue(PRODUCTION);
            browser.field("justification").sendKeys(HOSTILE);
            browser.field("validationReportUri").sendKeys("https://validation.internal/reports/" + model);
            browser.screenshot("promotion-form");
            browser.button("Request promotion").click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/environments/production"));
            assertThat(browser.text()).contains("Requested promotion of v" + version + " to production (request #1)")
                    .contains("waits in the review queue for 2 risk-reviewer approvals");
            browser.screenshot("environment-after-request");
            JsonNode requested = api.promotion(model, 1);
            assertThat(requested.path("status").asString()).isEqualTo("PENDING");
            assertThat(requested.path("requestedBy").asString()).isEqualTo("alice");
            assertThat(requested.path("justification").asString()).isEqualTo(HOSTILE);

            assertThat(alice.get("/reviews").status()).as("engineers have no review queue").isEqualTo(403);

        }
        try (Browser browser = Browser.open(port, "review-queue-rita")) {
            browser.signIn("rita");
            assertThat(browser.path()).isEqualTo("/reviews");
            WebElement request = browser.find(By.cssSelector(entry));
            assertThat(request.getText()).contains(model).contains("v" + version).contains("HIGH risk")
                    .contains("production").contains("alice").contains("Approvals: 0 of 2")
                    .contains("Needs 2 more approvals.").contains(HOSTILE);
            assertThat(browser.findAll(By.cssSelector(entry + " b"))).as("user text is not markup").isEmpty();
            assertThat(browser.findAll(By.cssSelector(entry + " script"))).isEmpty();
            assertThat(browser.find(By.cssSelector(entry + " a[href='/catalog/" + model + "/versions/" + version + "']"))
                    .isDisplayed()).isTrue();
            browser.screenshot("queue-before-approval");

            browser.field("approve-" + model + "-1").sendKeys("Backtest and PSI reviewed");
            browser.find(By.cssSelector(entry + " button.approve")).click();
            assertThat(browser.acceptConfirmation()).isEqualTo("Approve " + model + " v" + version
                    + " for production? This is approval 1 of 2: 1 more approval will still be needed.");
            browser.awaitFlash();
            assertThat(browser.text()).contains("Approved " + model + " v" + version + " for production (request #1)"
                    + " — 1 more approval needed.");
            request = browser.find(By.cssSelector(entry));
            assertThat(request.getText()).contains("You approved this").contains("Backtest and PSI reviewed")
                    .contains("Approvals: 1 of 2");
            assertThat(browser.findAll(By.cssSelector(entry + " form"))).as("no action after her approval").isEmpty();
            browser.screenshot("queue-after-first-approval");

            UiSession rita = UiSession.signedIn(port, "rita");
            String token = rita.csrfToken("/reviews");
            UiSession.Page twice = rita.post("/reviews/" + model + "/1/approval", Map.of("comment", "Again"), token);
            assertThat(twice.status()).as("a second approval by the same reviewer").isIn(403, 409);
            assertThat(twice.body()).contains("rita approved request #1 already");
            assertThat(approvers(api.promotion(model, 1))).containsExactly("rita");

            UiSession ravi = UiSession.signedIn(port, "ravi");
            String raviToken = ravi.csrfToken("/reviews");
            UiSession.Page empty = ravi.post("/reviews/" + model + "/1/approval", Map.of("comment", " "), raviToken);
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.body()).contains("comment: is required");
            UiSession.Page noReason = ravi.post("/reviews/" + model + "/1/rejection", Map.of(), raviToken);
            assertThat(noReason.status()).isEqualTo(400);
            assertThat(noReason.body()).contains("reason: is required");
            UiSession.Page withoutCsrf = ravi.post("/reviews/" + model + "/1/approval", Map.of("comment", "ok"), null);
            assertThat(withoutCsrf.status()).isEqualTo(403);
            UiSession.Page engineer = alice.post("/reviews/" + model + "/1/approval", Map.of("comment", "mine"),
                    alice.csrfToken("/catalog/" + model + "/environments/production"));
            assertThat(engineer.status()).as("engineers may not approve").isEqualTo(403);
            JsonNode unchanged = api.promotion(model, 1);
            assertThat(approvers(unchanged)).containsExactly("rita");
            assertThat(unchanged.path("status").asString()).isEqualTo("PENDING");

        }
        try (Browser browser = Browser.open(port, "review-queue-ravi")) {
            browser.signIn("ravi");
            browser.field("approve-" + model + "-1").sendKeys("Fairness metrics within tolerance");
            browser.find(By.cssSelector(entry + " button.approve")).click();
            assertThat(browser.acceptConfirmation()).isEqualTo("Approve " + model + " v" + version
                    + " for production? This is approval 2 of 2: the request will be granted.");
            browser.awaitFlash();
            assertThat(browser.text()).contains("Approved " + model + " v" + version + " for production (request #1)"
                    + " — granted: it may be rolled out until ");
            assertThat(browser.findAll(By.cssSelector(entry))).as("granted requests leave the queue").isEmpty();
            browser.screenshot("queue-after-grant");
            JsonNode granted = api.promotion(model, 1);
            assertThat(granted.path("status").asString()).isEqualTo("GRANTED");
            assertThat(approvers(granted)).containsExactly("rita", "ravi");
        }
    }

    @Test
    void aReviewerRejectsWithAReasonAndTheQueueFilters() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String model = api.highRiskModel(uniqueName("ui-reject"));
        int version = api.version(model, 0.802);
        int number = api.request(model, version, PRODUCTION);
        String entry = "#request-" + model + "-" + number;

        try (Browser browser = Browser.open(port, "review-reject")) {
            browser.signIn("ravi");
            new Select(browser.field("riskTier")).selectByValue("LOW");
            browser.waitUntil(d -> d.getCurrentUrl().contains("riskTier=LOW"));
            browser.waitUntil(d -> d.findElements(By.cssSelector(entry)).isEmpty());
            browser.screenshot("queue-filtered-low");
            new Select(browser.field("riskTier")).selectByValue("HIGH");
            browser.waitUntil(d -> !d.findElements(By.cssSelector(entry)).isEmpty());

            browser.field("reject-" + model + "-" + number).sendKeys("Validation report misses the holdout period");
            browser.find(By.cssSelector(entry + " button.danger")).click();
            assertThat(browser.acceptConfirmation()).startsWith("Reject request #" + number + " (" + model + " v"
                    + version + " to production)?");
            browser.awaitFlash();
            assertThat(browser.text()).contains("Rejected request #" + number + " (" + model + " v" + version
                    + " to production)");
            assertThat(browser.findAll(By.cssSelector(entry))).isEmpty();
            browser.screenshot("queue-after-rejection");
        }
        JsonNode rejected = api.promotion(model, number);
        assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("rejectedBy").asString()).isEqualTo("ravi");
        assertThat(rejected.path("rejectionReason").asString()).isEqualTo("Validation report misses the holdout period");
    }

    @Test
    void aReviewerWhoRegisteredOrRequestedIsOfferedNoActionAndRefused() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String both = createEngineerAndReviewer("ui-dual");
        Api asBoth = Api.basic(port, both, DUAL_PASSWORD);
        String model = api.highRiskModel(uniqueName("ui-dual"));
        Api.Response registered = asBoth.post(GovernanceFixtures.model(model) + "/versions", Samples.version(0.9));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        int ownVersion = registered.json().path("version").asInt();
        int alicesVersion = api.version(model, 0.91);
        int registeredRequest = api.request(model, ownVersion, PRODUCTION);
        Api.Response requested = asBoth.post(GovernanceFixtures.model(model) + "/promotions", Map.of(
                "version", alicesVersion, "environment", PRODUCTION, "justification", "Own request",
                "validationReportUri", GovernanceFixtures.REPORT + model));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        int ownRequest = requested.json().path("requestNumber").asInt();

        UiSession session = UiSession.anonymous(port);
        UiSession.Page signedIn = session.post("/login", Map.of("username", both, "password", DUAL_PASSWORD),
                session.csrfToken("/login"));
        assertThat(signedIn.location()).endsWith("/reviews");
        String queue = session.get("/reviews").body();
        assertThat(entry(queue, model, registeredRequest)).contains("You registered this version")
                .doesNotContain("<form");
        assertThat(entry(queue, model, ownRequest)).contains("Your request").doesNotContain("<form");

        String token = session.csrfToken("/reviews");
        for (int request : List.of(registeredRequest, ownRequest)) {
            UiSession.Page forged = session.post("/reviews/" + model + "/" + request + "/approval",
                    Map.of("comment", "Looks fine to me"), token);
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("segregation-of-duties").contains("another risk reviewer must");
            assertThat(api.promotion(model, request).path("approvals").size()).isZero();
        }
        assertThat(jdbc.queryForList("""
                SELECT actor || ' ' || version || ' ' || environment || ' #' || (details::jsonb->>'request') || ' '
                       || (details::jsonb->>'status') || ' ' || (details::jsonb->>'channel')
                FROM audit_record WHERE action = 'SegregationOfDutiesRefused' AND model = ? ORDER BY sequence""",
                String.class, model)).as("each refusal is on the record").containsExactly(
                both + " " + ownVersion + " production #" + registeredRequest + " 403 ui",
                both + " " + alicesVersion + " production #" + ownRequest + " 403 ui");
    }

    @Test
    void aReviewerWhoseTokenRegisteredOrRequestedIsOfferedNoActionAndRefused() {
        // an API token acts for its owner: segregation of duties treats what it did as the owner's own act
        GovernanceFixtures api = new GovernanceFixtures(port);
        String both = createEngineerAndReviewer("ui-owner");
        String tokenName = uniqueName("ui-owner-pipeline");
        Api.Response issued = as("adam").post("/api/v1/admin/tokens", Map.of("name", tokenName,
                "roles", List.of("ML_ENGINEER"), "owner", both, "validDays", 1));
        assertThat(issued.status()).as("%s", issued).isEqualTo(201);
        Api pipeline = Api.bearer(port, issued.json().path("secret").asString());
        String model = api.highRiskModel(uniqueName("ui-owner"));
        Api.Response registered = pipeline.post(GovernanceFixtures.model(model) + "/versions", Samples.version(0.9));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        int tokensVersion = registered.json().path("version").asInt();
        int alicesVersion = api.version(model, 0.91);
        int registeredRequest = api.request(model, tokensVersion, PRODUCTION);
        Api.Response requested = pipeline.post(GovernanceFixtures.model(model) + "/promotions", Map.of(
                "version", alicesVersion, "environment", PRODUCTION, "justification", "Pipeline request",
                "validationReportUri", GovernanceFixtures.REPORT + model));
        assertThat(requested.status()).as("%s", requested).isEqualTo(201);
        int tokensRequest = requested.json().path("requestNumber").asInt();

        UiSession session = UiSession.anonymous(port);
        session.post("/login", Map.of("username", both, "password", DUAL_PASSWORD), session.csrfToken("/login"));
        String queue = session.get("/reviews").body();
        assertThat(entry(queue, model, registeredRequest)).contains("You registered this version")
                .doesNotContain("<form");
        assertThat(entry(queue, model, tokensRequest)).contains("Your request").doesNotContain("<form");

        String csrf = session.csrfToken("/reviews");
        for (int request : List.of(registeredRequest, tokensRequest)) {
            UiSession.Page forged = session.post("/reviews/" + model + "/" + request + "/approval",
                    Map.of("comment", "My pipeline's work looks fine"), csrf);
            assertThat(forged.status()).isEqualTo(403);
            assertThat(forged.body()).contains("segregation-of-duties").contains("token:" + tokenName);
            assertThat(api.promotion(model, request).path("approvals").size()).isZero();
        }
        UiSession rita = UiSession.anonymous(port);
        rita.post("/login", Map.of("username", "rita", "password", "demo"), rita.csrfToken("/login"));
        assertThat(entry(rita.get("/reviews").body(), model, tokensRequest)).contains("<form");
    }

    private static String entry(String page, String model, int request) {
        int start = page.indexOf("id=\"request-" + model + "-" + request + "\"");
        assertThat(start).as("queue entry of request #%s", request).isPositive();
        return page.substring(start, page.indexOf("</article>", start));
    }

    private String createEngineerAndReviewer(String prefix) {
        String username = uniqueName(prefix);
        Api.Response created = as("adam").post("/api/v1/admin/users", Map.of("username", username,
                "password", DUAL_PASSWORD, "roles", List.of("ML_ENGINEER", "RISK_REVIEWER")));
        assertThat(created.status()).as("create user: %s", created).isEqualTo(201);
        return username;
    }

    static List<String> approvers(JsonNode request) {
        return request.path("approvals").valueStream().map(a -> a.path("approvedBy").asString()).toList();
    }
}
