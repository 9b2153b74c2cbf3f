package com.acme.registry.audit;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportEntry;
import com.acme.registry.auditformat.verify.ExportVerifier;
import com.acme.registry.auditformat.verify.VerificationFailure;
import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reasons that a spreadsheet would run as formulas reach the CSV export of GET /api/v1/audit/export behind an
 * apostrophe (CSV format 2, docs/audit-trail.md), and the offline verifier still verifies it and reads the reasons
 * back as given.
 */
class CsvExportFormulaGuardTest extends IntegrationTest {

    static final List<String> REASONS = List.of("=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0",
            "@SUM(1+1)", "-2+3", "\tleading tab", "＝1+1", "'quoted' on purpose");

    @Test
    void everyDangerousReasonIsGuardedAndTheExportVerifiesWithTheReasonsAsGiven() throws Exception {
        String model = archivedWithEachReason();

        Api.Response csv = as("carla").get("/api/v1/audit/export?format=csv&model=" + model);

        assertThat(csv.status()).isEqualTo(200);
        String body = csv.body();
        assertThat(body).startsWith("type,sequence,").contains(",signature,csvFormat\r\n");
        for (String reason : REASONS) {
            assertThat(body).as(reason).contains(",\"'" + reason.replace("\"", "\"\"") + "\",");
        }
        assertThat(body).doesNotContain(",\"=", ",\"+", ",\"@", ",\"-", ",\"\t", ",\"＝");
        PublicKey key = DigestSignature.publicKeyFromPem(anonymous().get("/api/v1/audit/public-key").body());
        ExportVerifier.Summary summary = ExportVerifier.verify(reader(body), key);
        assertThat(summary.count()).isEqualTo(1 + 2 * REASONS.size());
        assertThat(reasons(body)).containsExactlyElementsOf(REASONS);

        String jsonl = as("carla").get("/api/v1/audit/export?format=jsonl&model=" + model).body();
        assertThat(jsonl).as("JSON Lines needs no guard").contains("\"reason\":\"=HYPERLINK(\\\"http://evil\\\"");
    }

    @Test
    void removingTheGuardFromAnExportedCellIsDetected() throws Exception {
        String model = archivedWithEachReason();
        String body = as("adam").get("/api/v1/audit/export?format=csv&model=" + model).body();
        PublicKey key = DigestSignature.publicKeyFromPem(anonymous().get("/api/v1/audit/public-key").body());
        // rows: header, model registered, then per reason a version registered and archived: @SUM's is on line 8
        String armed = body.replace(",\"'@SUM(1+1)\",", ",\"@SUM(1+1)\",");
        assertThat(armed).isNotEqualTo(body);

        assertThatThrownBy(() -> ExportVerifier.verify(reader(armed), key))
                .isInstanceOf(VerificationFailure.class)
                .hasMessage("line 8: column reason: the cell begins with '@' without the apostrophe that guards it "
                        + "against formula injection");
    }

    /** A model registered, with one version per reason, each archived with its reason. */
    private String archivedWithEachReason() {
        String model = uniqueName("formula");
        assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
        for (int v = 1; v <= REASONS.size(); v++) {
            assertThat(as("bob").post("/api/v1/models/" + model + "/versions", Samples.version()).status())
                    .isEqualTo(201);
            Api.Response archived = as("alice").post("/api/v1/models/" + model + "/versions/" + v + "/archival",
                    Map.of("reason", REASONS.get(v - 1)));
            assertThat(archived.status()).as(archived.body()).isLessThan(300);
        }
        return model;
    }

    private static CsvReader reader(String csv) {
        return new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Object> reasons(String csv) throws Exception {
        List<Object> reasons = new ArrayList<>();
        CsvReader reader = reader(csv);
        for (ExportEntry entry = reader.next(); entry != null; entry = reader.next()) {
            if ("ModelVersionArchived".equals(entry.fields().get("action"))) {
                reasons.add(entry.fields().get("reason"));
            }
        }
        return reasons;
    }
}
