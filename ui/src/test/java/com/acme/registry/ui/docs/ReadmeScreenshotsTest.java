package com.acme.registry.ui.docs;

import com.acme.registry.support.TestDatabase;
import com.acme.registry.ui.browser.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main pages as each role sees them with nothing but the demo data (a database of its own, so no other
 * test's models show up), checked for what they must show. With
 * {@code -Dregistry.ui.docs-screenshots=../docs/screenshots} the pictures also replace the README's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN"})
class ReadmeScreenshotsTest {

    private static final TestDatabase.Coordinates DEMO = TestDatabase.fresh("readme");
    private static final String DOCS = System.getProperty("registry.ui.docs-screenshots");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DEMO.register(registry, "readme-audit-key.pem");
    }

    @Test
    void theMainPagesShowTheDemoData() throws IOException {
        try (Browser browser = Browser.open(port, "readme")) {
            browser.go("/login");
            assertThat(browser.text()).contains("Sign in with your registry account");
            publish(browser, "sign-in");

            browser.signIn("alice");
            assertThat(browser.text()).contains("bnpl-credit-risk", "bnpl-fraud-screen", "collections-propensity",
                    "checkout-conversion");
            publish(browser, "catalog");

            browser.go("/catalog/bnpl-credit-risk");
            assertThat(browser.text()).contains("Metrics across versions").contains("v1");
            publish(browser, "model");

            browser.go("/catalog/bnpl-credit-risk/versions/2");
            assertThat(browser.text()).contains("rita").contains("1 more approval needed");
            assertThat(browser.findAll(By.cssSelector("svg.graph, svg.lineage"))).isNotEmpty();
            publish(browser, "version");

            browser.go("/catalog/collections-propensity/environments/production");
            assertThat(browser.text()).contains("v2 at 20%");
            publish(browser, "environment-canary");

            browser.field("traffic-percent").clear();
            browser.field("traffic-percent").sendKeys("50");
            browser.button("Review traffic change…").click();
            browser.waitUntil(d -> d.getCurrentUrl().contains("/confirm/"));
            assertThat(browser.text()).contains("production will serve v2 at 50% and v1 at 50%");
            publish(browser, "confirm-traffic-change");

            browser.go("/catalog/bnpl-fraud-screen/promotions/new?version=1");
            assertThat(browser.text()).contains("Request promotion of bnpl-fraud-screen");
            publish(browser, "promotion-request");
            browser.signOut();

            browser.signIn("ravi");
            assertThat(browser.path()).isEqualTo("/reviews");
            assertThat(browser.text()).contains("bnpl-credit-risk v2 to production").contains("Approvals: 1 of 2");
            assertThat(browser.buttons("Approve")).as("ravi has not approved yet: he may").hasSize(1);
            publish(browser, "review-queue");
            browser.signOut();

            browser.signIn("carla");
            assertThat(browser.path()).isEqualTo("/compliance");
            publish(browser, "compliance");

            browser.go("/compliance/inventory");
            assertThat(browser.text()).contains("bnpl-credit-risk").contains("rita");
            publish(browser, "inventory");

            browser.go("/compliance/releases");
            assertThat(browser.text()).contains("bnpl-credit-risk").contains("collections-propensity");
            publish(browser, "releases");

            browser.go("/compliance/audit?model=bnpl-credit-risk");
            assertThat(browser.text()).contains("PromotionApproved");
            publish(browser, "audit-search");

            browser.go("/compliance/export?model=bnpl-credit-risk");
            publish(browser, "export");
            browser.button("Download signed export").click();
            Path export = browser.awaitDownload(".jsonl");

            browser.go("/compliance/verification");
            assertThat(browser.verifyExport(export)).contains("Valid: intact and signed by this registry");
            publish(browser, "verification");
        }
    }

    private static void publish(Browser browser, String name) throws IOException {
        Path shot = browser.screenshot(name);
        if (DOCS != null && !DOCS.isBlank()) {
            Path docs = Path.of(DOCS);
            Files.createDirectories(docs);
            Files.copy(shot, docs.resolve(shot.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
