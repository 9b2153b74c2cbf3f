package com.acme.registry.ui.identity;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
import com.acme.registry.ui.promotion.GovernanceFixtures;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.acme.registry.ui.promotion.GovernanceFixtures.PRODUCTION;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in browser follows its account: once an ADMIN disables the account, resets its password or changes its
 * roles, the session's next request ends it (sign in again) and changes nothing. Each test has a person of its own,
 * so the demo users of the shared registry stay as they are.
 */
class SessionFollowsAccountBrowserTest extends IntegrationTest {

    private static final String PASSWORD = "reviewer-passphrase-1";
    private static final String USERS = "/api/v1/admin/users/";

    @Test
    void aDisabledReviewersOpenSessionGrantsNothing() {
        GovernanceFixtures api = new GovernanceFixtures(port);
        String reviewer = person("disabled", List.of("RISK_REVIEWER"));
        String model = api.highRiskModel(uniqueName("ui-disabled"));
        int version = api.version(model, 0.88);
        int request = api.request(model, version, PRODUCTION);
        api.approve(model, request, "rita", "Backtest reviewed");
        String entry = "#request-" + model + "-" + request;
        Api basic = Api.basic(port, reviewer, PASSWORD);
        assertThat(basic.get("/api/v1/me").status()).isEqualTo(200);

        try (Browser browser = Browser.open(port, "session-disabled")) {
            browser.signIn(reviewer, PASSWORD);
            assertThat(browser.path()).isEqualTo("/reviews");
            browser.field("approve-" + model + "-" + request).sendKeys("Second approval from a stale session");
            browser.screenshot("queue-before-disabling");

            disable(reviewer);

            browser.find(By.cssSelector(entry + " button.approve")).click();
            assertThat(browser.acceptConfirmation()).contains("the request will be granted");
            browser.waitUntil(d -> d.getCurrentUrl().contains("/login"));
            assertThat(browser.path()).isEqualTo("/login?expired");
            assertThat(browser.text()).contains("Your session has ended");
            browser.screenshot("signed-out-after-disabling");

            JsonNode promotion = api.promotion(model, request);
            assertThat(promotion.path("status").asString()).isEqualTo("PENDING");
            assertThat(promotion.path("approvals").valueStream().map(a -> a.path("approvedBy").asString()))
                    .containsExactly("rita");

            browser.go("/reviews");
            assertThat(browser.path()).as("the old session is gone").startsWith("/login");
            browser.go("/login");
            browser.field("username").sendKeys(reviewer);
            browser.field("password").sendKeys(PASSWORD);
            browser.find(By.cssSelector("form button[type=submit]")).click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/login?error"));
        }
        assertThat(basic.get("/api/v1/me").status()).as("HTTP Basic is refused at once too").isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'SessionEnded' AND actor = ?",
                Integer.class, reviewer)).isOne();
    }

    @Test
    void aRemovedRoleIsRefusedOnTheNextRequest() {
        String officer = person("roles", List.of("COMPLIANCE", "RISK_REVIEWER"));
        Api basic = Api.basic(port, officer, PASSWORD);
        assertThat(basic.get("/api/v1/compliance/inventory").status()).isEqualTo(200);

        try (Browser browser = Browser.open(port, "session-role-removed")) {
            browser.signIn(officer, PASSWORD);
            browser.go("/compliance");
            assertThat(browser.path()).isEqualTo("/compliance");
            assertThat(browser.title()).doesNotContainIgnoringCase("error");

            Api.Response changed = as("adam").put(USERS + officer + "/roles", Map.of("roles", List.of("RISK_REVIEWER")));
            assertThat(changed.status()).as("%s", changed).isEqualTo(200);

            browser.go("/compliance/releases");
            assertThat(browser.path()).as("no compliance page for the old roles").isEqualTo("/login?expired");
            browser.screenshot("signed-out-after-role-change");

            browser.signIn(officer, PASSWORD);
            assertThat(browser.path()).as("signed in with the current roles").isEqualTo("/reviews");
        }
        UiSession session = UiSession.signedIn(port, officer, PASSWORD);
        assertThat(session.get("/compliance").status()).as("the removed role is refused").isEqualTo(403);
        assertThat(session.get("/reviews").status()).isEqualTo(200);
        assertThat(basic.get("/api/v1/compliance/inventory").status()).as("and over HTTP Basic").isEqualTo(403);
    }

    @Test
    void theApiDocumentationReadThroughTheSessionFollowsTheAccountToo() {
        String engineer = person("docs", List.of("ML_ENGINEER"));

        try (Browser browser = Browser.open(port, "session-api-docs")) {
            browser.signIn(engineer, PASSWORD);
            browser.go("/v3/api-docs");
            assertThat(browser.pageSource()).contains("/api/v1/models");

            disable(engineer);

            browser.go("/v3/api-docs");
            assertThat(browser.path()).isEqualTo("/login?expired");
            assertThat(browser.pageSource()).doesNotContain("/api/v1/models/{name}/versions");
        }
    }

    @Test
    void aPasswordResetEndsTheSession() {
        String reviewer = person("reset", List.of("RISK_REVIEWER"));
        String newPassword = "replacement-passphrase-2";

        try (Browser browser = Browser.open(port, "session-password-reset")) {
            browser.signIn(reviewer, PASSWORD);
            assertThat(browser.path()).isEqualTo("/reviews");

            Api.Response reset = as("adam").put(USERS + reviewer + "/password", Map.of("password", newPassword));
            assertThat(reset.status()).as("%s", reset).isEqualTo(204);

            browser.go("/reviews");
            assertThat(browser.path()).isEqualTo("/login?expired");

            browser.signIn(reviewer, newPassword);
            assertThat(browser.path()).isEqualTo("/reviews");
        }
        assertThat(Api.basic(port, reviewer, PASSWORD).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(Api.basic(port, reviewer, newPassword).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void aSessionFollowsTheStampInTheDatabaseWhateverInstanceChangedIt() {
        String reviewer = person("stamp", List.of("RISK_REVIEWER"));
        UiSession session = UiSession.signedIn(port, reviewer, PASSWORD);
        assertThat(session.get("/reviews").status()).isEqualTo(200);
        assertThat(session.get("/api/v1/me").status()).as("a UI session is no API credential").isEqualTo(401);

        // what another registry instance's change leaves behind: only the row in the shared database
        jdbc.update("UPDATE app_user SET security_stamp = security_stamp + 1 WHERE username = ?", reviewer);

        UiSession.Page next = session.get("/reviews");
        assertThat(next.status()).isEqualTo(302);
        assertThat(next.location()).endsWith("/login?expired");
        assertThat(session.get("/reviews").location()).contains("/login");
    }

    @Test
    void anUnchangedAccountKeepsItsSession() {
        String reviewer = person("kept", List.of("RISK_REVIEWER"));
        UiSession session = UiSession.signedIn(port, reviewer, PASSWORD);
        String other = person("other", List.of("RISK_REVIEWER"));
        disable(other);

        assertThat(session.get("/reviews").status()).as("another person's change ends no session of this one")
                .isEqualTo(200);
    }

    private String person(String prefix, List<String> roles) {
        String username = "s-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = as("adam").post("/api/v1/admin/users",
                Map.of("username", username, "password", PASSWORD, "roles", roles));
        assertThat(created.status()).as("create %s: %s", username, created).isEqualTo(201);
        return username;
    }

    private void disable(String username) {
        Api.Response disabled = as("adam").put(USERS + username + "/enabled", Map.of("enabled", false));
        assertThat(disabled.status()).as("%s", disabled).isEqualTo(200);
    }
}
