package com.acme.registry.ui.compliance;

import com.acme.registry.lineage.HistoryIntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compliance staff in a real Chromium: the start page, the inventory now and before anything existed, releases with
 * their approvals, the audit search (htmx and plain GET), an export downloaded and verified, a tampered copy refused
 * record-precise, and hostile text shown as text. Screenshots of every page under target/screenshots/.
 */
class ComplianceBrowserTest extends HistoryIntegrationTest {

    private static final String DEMO_MODEL = "bnpl-credit-risk";

    @Test
    void carlaLandsOnTheComplianceStartPage() {
        String flagged = releasedThenRolledBack();
        try (Browser browser = Browser.open(port, "compliance-start")) {
            browser.signIn("carla");
            assertThat(browser.path()).isEqualTo("/compliance");
            assertThat(browser.title()).startsWith("Compliance");
            assertThat(browser.text().toLowerCase(Locale.ROOT)).contains("models in the inventory",
                    "production releases, 30 days", "audit log", "signed exports", "inventory now");
            assertThat(browser.find(By.cssSelector("nav [aria-current=page]")).getText()).isEqualTo("Compliance");
            assertThat(browser.find(By.cssSelector("section.notice.warn")).getText())
                    .contains(flagged + " v1 → production", "emergency rollback not yet acknowledged");
            for (String link : List.of("Inventory as of a date", "Releases and approvals", "Search the trail",
                    "Check the stored chain", "Export", "Verify an export", "Public key (PEM)")) {
                assertThat(browser.findAll(By.linkText(link))).as(link).isNotEmpty();
            }
            browser.screenshot("compliance-start");

            browser.find(By.linkText("Check the stored chain")).click();
            assertThat(browser.path()).isEqualTo("/compliance/audit/chain");
            assertThat(browser.text()).contains("Intact", "Records checked", "Checkpoints matched");
            browser.screenshot("stored-chain");
        }
    }

    @Test
    void theInventoryNowShowsTheProductionChampionAndItsApprovals() {
        try (Browser browser = Browser.open(port, "compliance-inventory")) {
            browser.signIn("carla");
            browser.go("/compliance/inventory");
            WebElement row = inventoryRow(browser, DEMO_MODEL);
            assertThat(row.findElement(By.cssSelector("td[data-environment=production]")).getText())
                    .contains("v1", "100%", "approved by rita, ravi (request #1)");
            assertThat(row.findElement(By.cssSelector("td[data-environment=staging]")).getText()).isEqualTo("none");
            assertThat(row.getText()).contains("HIGH", "underwriting", "Active");
            assertThat(row.findElement(By.cssSelector("td[data-column=last-approval]")).getText())
                    .contains("rita", "Looks good; needs a second reviewer", "request #2: v2 → production");
            browser.screenshot("inventory-now");

            browser.go("/compliance/inventory?environment=production");
            assertThat(new Select(browser.field("environment")).getFirstSelectedOption().getText())
                    .isEqualTo("production");
            assertThat(browser.findAll(By.cssSelector("table.inventory td[data-environment=production]")))
                    .isNotEmpty();
            assertThat(browser.findAll(By.cssSelector("table.inventory td[data-environment=staging]"))).isEmpty();

            browser.go("/compliance/inventory");
            setValue(browser, browser.field("asOf"), "2000-01-01T00:00");
            browser.button("Show inventory").click();
            browser.waitUntil(d -> browser.path().contains("asOf=2000-01-01T00%3A00")
                    || browser.path().contains("asOf=2000-01-01T00:00"));
            assertThat(browser.text()).contains("As of 2000-01-01 00:00 UTC", "0 models",
                    "No model had been registered by 2000-01-01 00:00 UTC.");
            assertThat(browser.findAll(By.cssSelector("table.inventory"))).isEmpty();
            browser.screenshot("inventory-before-any-model");
        }
    }

    @Test
    void releasesInAPeriodListTheDemoReleaseWithItsTwoApprovals() {
        String flagged = releasedThenRolledBack();
        try (Browser browser = Browser.open(port, "compliance-releases")) {
            browser.signIn("carla");
            browser.go("/compliance/releases");
            assertThat(browser.field("from").getAttribute("value")).isNotEmpty();
            assertThat(new Select(browser.field("environment")).getFirstSelectedOption().getText())
                    .isEqualTo("production");
            browser.field("model").sendKeys(DEMO_MODEL);
            browser.button("Show releases").click();
            browser.waitUntil(d -> browser.path().contains("model=" + DEMO_MODEL));
            assertThat(browser.find(By.id("result-heading")).getText()).isEqualTo("1 release to production");
            WebElement release = browser.find(By.cssSelector("article.release"));
            assertThat(release.findElement(By.tagName("h3")).getText()).isEqualTo(DEMO_MODEL + " v1 → production");
            assertThat(textContent(release)).contains("Rollout completed", "Request #1", "alice",
                    "First production release: replaces the 2025 scorecard", "HIGH: 2 approvals, valid 30 days",
                    "Approvals (2)");
            List<String> approvals = release.findElements(By.cssSelector("ol.approvals li")).stream()
                    .map(WebElement::getText).toList();
            assertThat(approvals).hasSize(2);
            assertThat(String.join("\n", approvals)).contains("rita", "Validation report reviewed; stable PSI",
                    "ravi", "Fairness and adverse-action checks pass");
            browser.screenshot("releases-demo-model");

            browser.go("/compliance/releases?model=" + flagged);
            assertThat(browser.find(By.id("result-heading")).getText()).isEqualTo("3 releases to production");
            List<WebElement> releases = browser.findAll(By.cssSelector("article.release"));
            assertThat(textContent(releases.get(2))).contains("Rollback", "Emergency rollback, not acknowledged",
                    "Rollback #1", "Approval rate dropped 8%", "replaced v2");
            browser.screenshot("releases-with-rollback");

            browser.go("/compliance/releases?from=2000-01-01T00:00&to=2000-02-01T00:00");
            assertThat(browser.text()).contains("0 releases to production",
                    "No version became a champion there in this period.");
        }
    }

    @Test
    void theAuditSearchNarrowsTheTableWithHtmxAndWithAPlainGet() {
        releasedThenRolledBack();
        try (Browser browser = Browser.open(port, "compliance-audit")) {
            browser.signIn("carla");
            browser.go("/compliance/audit");
            long everything = count(browser);
            assertThat(everything).as("more than a page").isGreaterThan(25);
            assertThat(browser.findAll(By.cssSelector("table.audit tbody tr"))).hasSize(25);
            browser.screenshot("audit-all");

            ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true;");
            browser.field("model").sendKeys(DEMO_MODEL);
            browser.button("Search").click();
            browser.waitUntil(d -> browser.path().contains("model=" + DEMO_MODEL));
            browser.waitUntil(d -> count(browser) < everything);
            assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded === true"))
                    .as("htmx swapped the results; the page was not reloaded").isEqualTo(true);
            assertThat(models(browser)).isNotEmpty().containsOnly(DEMO_MODEL);
            browser.screenshot("audit-by-model-htmx");

            browser.go("/compliance/audit?model=" + DEMO_MODEL + "&action=PromotionApproved");
            assertThat(browser.find(By.id("results-heading")).getText()).isEqualTo("3 records match");
            List<WebElement> rows = browser.findAll(By.cssSelector("table.audit tbody tr"));
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).getText()).contains("rita", "PromotionApproved", DEMO_MODEL,
                    "Validation report reviewed; stable PSI", "demo-seed");
            assertThat(rows.get(1).getText()).contains("ravi", "Fairness and adverse-action checks pass");
            assertThat(rows.get(2).getText()).contains("rita", "Looks good; needs a second reviewer");
            rows.get(0).findElement(By.tagName("summary")).click();
            assertThat(rows.get(0).findElement(By.tagName("pre")).getText())
                    .contains("\"approvedBy\" : \"rita\"", "\"requestNumber\" : 1");
            assertThat(new Select(browser.field("action")).getFirstSelectedOption().getText())
                    .isEqualTo("PromotionApproved");
            browser.screenshot("audit-by-model-and-action");

            browser.go("/compliance/audit");
            setValue(browser, browser.field("from"), "2026-03-02T00:00");
            setValue(browser, browser.field("to"), "2026-03-01T00:00");
            browser.button("Search").click();
            browser.waitUntil(d -> browser.text().contains("to: must be after from"));
            assertThat(browser.path()).contains("from=2026-03-02T00%3A00");
            browser.screenshot("audit-refused-period");

            browser.go("/compliance/audit?page=2");
            assertThat(browser.text()).contains("26–");
            browser.find(By.partialLinkText("Previous page")).click();
            browser.waitUntil(d -> browser.path().contains("page=1"));
            assertThat(browser.text()).contains("1–25 of");
        }
    }

    @Test
    void anExportDownloadsAndVerifiesAndATamperedCopyIsNamedRecordPrecise() throws IOException {
        try (Browser browser = Browser.open(port, "compliance-export-verify")) {
            browser.signIn("carla");
            browser.go("/compliance/audit?model=" + DEMO_MODEL);
            long records = count(browser);
            browser.find(By.linkText("Export these records…")).click();
            assertThat(browser.path()).isEqualTo("/compliance/export?model=" + DEMO_MODEL);
            assertThat(browser.field("model").getAttribute("value")).isEqualTo(DEMO_MODEL);
            assertThat(browser.text()).contains("Download the public key (PEM)", "registry-cli");
            browser.screenshot("export");

            browser.button("Download signed export").click();
            Path export = browser.awaitDownload(".jsonl");
            assertThat(export.getFileName().toString()).matches("audit-export-" + DEMO_MODEL
                    + "-\\d{4}-\\d{2}-\\d{2}T\\d{4}Z\\.jsonl");
            List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
            assertThat(lines).hasSize((int) records + 1);
            assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"digest\"");

            browser.find(By.linkText("upload an export here to verify it")).click();
            browser.verifyExport(export);
            assertThat(browser.path()).isEqualTo("/compliance/verification");
            String valid = browser.find(By.cssSelector(".verdict")).getText();
            assertThat(valid).contains("Valid: intact and signed by this registry", export.getFileName().toString(),
                    "JSON Lines (detected)", records + " records", "Signature key id");
            browser.screenshot("verification-valid");

            int middle = lines.size() / 2;
            long sequence = sequenceOf(lines.get(middle - 1));
            Path tampered = export.resolveSibling("tampered-" + export.getFileName());
            List<String> changed = new ArrayList<>(lines);
            changed.set(middle - 1, changeOneCharacter(lines.get(middle - 1)));
            Files.write(tampered, changed, StandardCharsets.UTF_8);
            browser.verifyExport(tampered);
            String invalid = browser.find(By.cssSelector(".verdict")).getText();
            assertThat(invalid).contains("Invalid: Altered record on line " + middle + ", sequence " + sequence,
                    "line " + middle + " (sequence " + sequence + "): hash does not match its content",
                    (middle - 1) + " records before it verified");
            browser.screenshot("verification-tampered");

            browser.go("/compliance/export?model=" + DEMO_MODEL);
            browser.field("format-csv").click();
            browser.button("Download signed export").click();
            Path csv = browser.awaitDownload(".csv");
            browser.go("/compliance/verification");
            browser.verifyExport(csv);
            assertThat(browser.find(By.cssSelector(".verdict")).getText()).contains("Valid", "CSV (detected)",
                    records + " records");
        }
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedInTheBrowserBeforeItIsSent() throws IOException {
        Path large = Files.createTempFile("large-export", ".jsonl");
        try (Browser browser = Browser.open(port, "compliance-upload-limit")) {
            Files.write(large, new byte[1536 * 1024]);
            browser.signIn("carla");
            browser.go("/compliance/verification");
            browser.field("file").sendKeys(large.toAbsolutePath().toString());
            WebElement notice = browser.field("file-too-large");
            browser.waitUntil(d -> notice.isDisplayed());
            assertThat(notice.getText()).contains("is larger than the registry accepts for an upload (1 MB)",
                    "registry-cli");
            browser.screenshot("verification-file-too-large");
            browser.button("Verify export").click();
            assertThat(browser.path()).isEqualTo("/compliance/verification");
            assertThat(browser.findAll(By.cssSelector(".verdict"))).as("nothing was sent").isEmpty();

            // without the script (or past it) the server refuses the upload itself, with a page that says why
            ((JavascriptExecutor) browser.driver()).executeScript(
                    "var f = document.getElementById('file'); f.removeAttribute('data-max-bytes');"
                            + " f.setCustomValidity('');");
            browser.button("Verify export").click();
            browser.waitUntil(d -> browser.title().startsWith("Export too large to upload"));
            assertThat(browser.text()).contains("413", "larger than the registry accepts for an upload (1 MB)",
                    "Nothing was verified", "registry-cli.jar verify");
            assertThat(browser.find(By.cssSelector("nav [aria-current=page]")).getText()).isEqualTo("Compliance");
            browser.screenshot("upload-too-large");
        } finally {
            Files.deleteIfExists(large);
        }
    }

    @Test
    void hostileTextShowsAsTextInTheInventoryAndTheAuditTrail() {
        String script = "<script>window.pwned = true;</script>";
        String image = "<img src=x onerror=\"window.pwned = true\">";
        String model = uniqueName("0-hostile");
        Map<String, Object> body = Samples.model(model);
        body.put("description", "Scores " + script);
        body.put("ownerTeam", "team " + image);
        body.put("riskTier", "LOW");
        ok(as("alice").post("/api/v1/models", body), 201);
        registerVersion(model, "alice", Samples.version());
        int request = request("alice", model, 1, PRODUCTION, "Ship it " + script);
        approve("rita", model, request, "Approved " + image);
        try (Browser browser = Browser.open(port, "compliance-hostile")) {
            browser.signIn("carla");
            browser.go("/compliance/inventory");
            WebElement row = inventoryRow(browser, model);
            assertThat(row.getText()).contains("team " + image, "Approved " + image);
            assertNothingInjected(browser);
            browser.screenshot("inventory-hostile");

            browser.go("/compliance/audit?model=" + model);
            assertThat(browser.text()).contains("Ship it " + script, "Approved " + image);
            for (WebElement summary : browser.findAll(By.cssSelector("table.audit summary"))) {
                summary.click();
            }
            assertThat(browser.text()).contains("Scores " + script.replace("\"", "\\\""));
            assertNothingInjected(browser);
            browser.screenshot("audit-hostile");
        }
    }

    // ---- helpers ----

    /** A HIGH model released twice to production and rolled back in an emergency nobody has acknowledged yet. */
    private String releasedThenRolledBack() {
        String model = createModel("compliance-ui", "HIGH", "underwriting");
        registerVersion(model, "alice", versionBody("run-u1", "a1a1a1a", null, List.of()));
        registerVersion(model, "bob", versionBody("run-u2", "b2b2b2b", 1, List.of()));
        int first = request("alice", model, 1, PRODUCTION, "First release");
        approve("rita", model, first, "Backtest reviewed");
        approve("ravi", model, first, "Fairness reviewed");
        startRollout(model, PRODUCTION, 1, 100);
        complete(model, PRODUCTION);
        int second = request("bob", model, 2, PRODUCTION, "Retrained on Q3");
        approve("ravi", model, second, "Drift checked");
        approve("rita", model, second, "Challenger wins");
        startRollout(model, PRODUCTION, 2, 100);
        complete(model, PRODUCTION);
        rollBack("alice", model, PRODUCTION, "Approval rate dropped 8%");
        return model;
    }

    /** The model's row of the inventory, following the pages until it shows. */
    private static WebElement inventoryRow(Browser browser, String model) {
        while (browser.findAll(By.id("model-" + model)).isEmpty()) {
            List<WebElement> next = browser.findAll(By.partialLinkText("Next page"));
            assertThat(next).as("%s in the inventory", model).isNotEmpty();
            next.get(0).click();
        }
        return browser.find(By.id("model-" + model));
    }

    /** The element's text as written, before CSS (text-transform) changes how it shows. */
    private static String textContent(WebElement element) {
        return element.getDomProperty("textContent").replaceAll("\\s+", " ");
    }

    private static long count(Browser browser) {
        String heading = browser.find(By.id("results-heading")).getText();
        return Long.parseLong(heading.substring(0, heading.indexOf(' ')).replace(",", ""));
    }

    private static List<String> models(Browser browser) {
        return browser.findAll(By.cssSelector("table.audit tbody tr td:nth-of-type(4) a")).stream()
                .map(WebElement::getText).toList();
    }

    private static void setValue(Browser browser, WebElement input, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", input, value);
    }


    private static long sequenceOf(String line) {
        int at = line.indexOf("\"sequence\":") + "\"sequence\":".length();
        int end = at;
        while (Character.isDigit(line.charAt(end))) {
            end++;
        }
        return Long.parseLong(line.substring(at, end));
    }

    /** The last digit of the record's time, changed: still well-formed JSON, no longer the record that was hashed. */
    private static String changeOneCharacter(String line) {
        int at = line.indexOf("Z\",", line.indexOf("\"recordedAt\":\"")) - 1;
        char digit = line.charAt(at);
        return line.substring(0, at) + (digit == '9' ? '8' : (char) (digit + 1)) + line.substring(at + 1);
    }

    private static void assertNothingInjected(Browser browser) {
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.pwned === true"))
                .as("no injected script ran").isEqualTo(false);
        assertThat(browser.findAll(By.cssSelector("main img"))).as("no injected element").isEmpty();
        assertThat(browser.pageSource()).doesNotContain("<img src=\"x\"").doesNotContain("<script>window.pwned");
    }
}
