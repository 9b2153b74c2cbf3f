package com.acme.registry.ui.audit;

import com.acme.registry.lineage.HistoryIntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real Chromium, carla downloads the CSV export of a model whose archival reasons are formulas: every such cell
 * is guarded by an apostrophe (CSV format 2, docs/audit-trail.md), the upload page verifies the file, and a copy
 * whose guard was removed is refused, naming the cell.
 */
class CsvExportFormulaBrowserTest extends HistoryIntegrationTest {

    static final List<String> REASONS = List.of("=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0",
            "@SUM(1+1)", "-2+3", "'quoted' on purpose");

    @Test
    void theDownloadedCsvGuardsFormulasVerifiesAndAnArmedCopyIsRefused() throws IOException {
        String model = createModel("formula-ui", "LOW", "credit");
        for (int v = 1; v <= REASONS.size(); v++) {
            registerVersion(model, "bob", Samples.version());
            ok(as("alice").post(modelPath(model) + "/versions/" + v + "/archival",
                    Map.of("reason", REASONS.get(v - 1))), 200);
        }
        try (Browser browser = Browser.open(port, "compliance-csv-formula")) {
            browser.signIn("carla");
            browser.go("/compliance/export?model=" + model);
            assertThat(browser.text()).contains("a cell that would start a spreadsheet formula begins with an "
                    + "apostrophe, which verification removes");
            browser.field("format-csv").click();
            browser.button("Download signed export").click();
            Path csv = browser.awaitDownload(".csv");
            String text = Files.readString(csv, StandardCharsets.UTF_8);
            assertThat(text).startsWith("type,").contains(",signature,csvFormat\r\n");
            for (String reason : REASONS) {
                assertThat(text).as(reason).contains(",\"'" + reason.replace("\"", "\"\"") + "\",");
            }

            browser.go("/compliance/verification");
            assertThat(browser.verifyExport(csv)).contains("Valid", "CSV (detected)",
                    (1 + 2 * REASONS.size()) + " records");

            Path armed = csv.resolveSibling("armed-" + csv.getFileName());
            Files.writeString(armed, text.replace(",\"'=HYPERLINK", ",\"=HYPERLINK"), StandardCharsets.UTF_8);
            String verdict = browser.verifyExport(armed);
            assertThat(verdict).contains("Invalid: Unguarded formula on line 4", "Do not open it in a spreadsheet",
                    "column reason: the cell begins with '=' without the apostrophe");
            browser.screenshot("verification-unguarded-formula");
        }
    }
}
