package com.acme.registry.ui.compliance;

import com.acme.registry.ui.browser.UploadClient;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.ui.browser.UiSession;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the compliance pages refuse: every page and the upload to anyone but COMPLIANCE and ADMIN (403), bad dates
 * and formats (400, naming the field), an upload over the limit (413, a page that says what to do instead).
 */
class ComplianceRefusalTest extends IntegrationTest {

    private static final List<String> PAGES = List.of("/compliance", "/compliance/inventory",
            "/compliance/inventory?asOf=2026-01-01T00:00&environment=production", "/compliance/releases",
            "/compliance/audit", "/compliance/audit?model=bnpl-credit-risk", "/compliance/audit/chain",
            "/compliance/export", "/compliance/export?format=jsonl", "/compliance/export?format=csv",
            "/compliance/public-key.pem", "/compliance/verification");

    @Autowired
    MultipartConfigElement multipart;

    @Test
    void engineersAndReviewersGetForbiddenForEveryCompliancePageAndTheUpload() {
        for (String user : List.of("alice", "rita")) {
            UiSession session = UiSession.signedIn(port, user);
            for (String page : PAGES) {
                assertThat(session.get(page).status()).as("%s GET %s", user, page).isEqualTo(403);
            }
            // No page this user may open on this branch carries a CSRF token, so the POST goes without one, and the
            // CSRF filter refuses it before the role rule (UiSession.forge sends one once the catalog pages exist).
            UiSession.Page post = session.post("/compliance/verification", Map.of("format", "auto"), null);
            assertThat(post.status()).as("%s POST /compliance/verification", user).isIn(302, 403);
            if (post.status() == 302) {
                assertThat(post.location()).as("no token in the session yet: treated as expired")
                        .endsWith("/login?expired");
            }
        }
        for (String user : List.of("carla", "adam")) {
            UiSession session = UiSession.signedIn(port, user);
            for (String page : PAGES) {
                assertThat(session.get(page).status()).as("%s GET %s", user, page).isEqualTo(200);
            }
        }
        assertThat(UiSession.anonymous(port).get("/compliance").status()).as("signed out").isEqualTo(302);
    }

    @Test
    void aValidUploadIsVerifiedForAdminsToo() {
        UploadClient adam = UploadClient.signedIn(port, "adam");
        String export = UiSession.signedIn(port, "adam").get("/compliance/export?format=jsonl&model=bnpl-credit-risk")
                .body();
        UploadClient.Answer posted = adam.upload("copy.jsonl", export.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(posted.status()).isEqualTo(302);
        assertThat(posted.location()).endsWith("/compliance/verification");
        String result = adam.get("/compliance/verification").body();
        assertThat(result).contains("Valid: intact and signed by this registry");
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        UiSession carla = UiSession.signedIn(port, "carla");
        assertRefused(carla.get("/compliance/inventory?asOf=yesterday"), "asOf: must be a date and time in UTC");
        assertRefused(carla.get("/compliance/inventory?asOf=2026-13-01T00:00"), "asOf: must be a date and time");
        assertRefused(carla.get("/compliance/inventory?environment=moon"), "environment: must be one of");
        assertRefused(carla.get("/compliance/releases?from=2026-02-30T00:00"), "from: must be a date and time");
        assertRefused(carla.get("/compliance/releases?from=2026-03-01T00:00&to=2026-02-01T00:00"),
                "to: must be after from");
        assertRefused(carla.get("/compliance/audit?to=soon"), "to: must be a date and time");
        assertRefused(carla.get("/compliance/audit?from=2026-03-01T00:00&to=2026-03-01T00:00"), "to: must be after from");
        assertRefused(carla.get("/compliance/audit?page=0"), "page: must be between 1 and 1000000");
        assertRefused(carla.get("/compliance/export?format=xml"), "format: must be jsonl (JSON Lines) or csv");
        assertRefused(carla.get("/compliance/export?format=jsonl&from=noon"), "from: must be a date and time");
        assertThat(carla.get("/compliance/audit?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00").status())
                .as("an ISO-8601 instant, as the API takes it").isEqualTo(200);
        assertRefused(carla.get("/compliance/inventory?asOf=2999-01-01T00:00"), "asOf: must not be in the future");
        assertThat(carla.get("/compliance/inventory?asOf=2026-03-01").body())
                .as("a date is its start in UTC").contains("value=\"2026-03-01T00:00\"");
        assertThat(carla.get("/compliance/releases?from=2026-03-01&to=2999-01-01").status())
                .as("a period may end in the future").isEqualTo(200);

        try (Browser browser = Browser.open(port, "compliance-refusals")) {
            browser.signIn("carla");
            browser.go("/compliance/releases?from=2026-02-30T00:00");
            assertThat(browser.text()).contains("400",
                    "from: must be a date and time in UTC, e.g. 2026-03-03T14:05, a date (2026-03-03: its start in UTC) or "
                            + "an ISO-8601 instant (2026-03-03T14:05:00Z) (was '2026-02-30T00:00')");
            browser.screenshot("refusal-bad-date");
        }
    }

    @Test
    void anUploadOverTheLimitGetsA413PageThatSaysWhatToDoInstead() {
        long limit = Math.min(multipart.getMaxFileSize(), multipart.getMaxRequestSize());
        assumeTrue(limit > 0 && limit <= 4 * 1024 * 1024, "an upload limit small enough to exceed in a test");
        UploadClient carla = UploadClient.signedIn(port, "carla");
        UploadClient.Answer refused = carla.upload("huge.jsonl", new byte[(int) limit + 512 * 1024]);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body()).contains("Export too large to upload", "Nothing was verified",
                "registry-cli.jar verify");
        assertThat(carla.get("/compliance/verification").body()).as("nothing verified")
                .doesNotContain("class=\"verdict");
    }

    private static void assertRefused(UiSession.Page page, String message) {
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains(message.replace("'", "&#39;"));
    }
}
