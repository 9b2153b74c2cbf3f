package com.acme.registry.cli;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportEntry;
import com.acme.registry.auditformat.verify.ExportWriter;
import com.acme.registry.auditformat.verify.ExportWriter.Format;
import com.acme.registry.cli.VerifyCommandTest.Run;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.acme.registry.cli.VerifyCommandTest.assertFails;
import static com.acme.registry.cli.VerifyCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSV format 2 guards cells against formula injection (docs/audit-trail.md): the guarded export verifies and reads
 * back the original values, removing or adding a guard is detected, and a format 1 export made before the change
 * (src/test/resources/exports, written by the registry's AuditExport of that time) still verifies.
 */
class FormulaGuardedCsvTest {

    static final KeyPair KEY = ExportWriter.keyPair();
    static final List<String> DANGEROUS = List.of("=HYPERLINK(\"http://evil\",\"click\")", "+cmd|' /C calc'!A0",
            "@SUM(1+1)", "-2+3", "\tleading tab", "\rleading carriage return", "＝1+1", "＋cmd", "－2+3", "＠SUM(1)");
    static final String QUOTED = "'quoted' on purpose";

    @TempDir
    Path dir;
    Path pem;

    @BeforeEach
    void writePublicKey() throws IOException {
        pem = Files.writeString(dir.resolve("registry-audit.pem"), DigestSignature.publicKeyPem(KEY.getPublic()));
    }

    @Test
    void everyCellThatWouldStartAFormulaBeginsWithAnApostropheAndTheExportVerifies() throws Exception {
        List<String> units = export(reasons());

        for (int k = 0; k < DANGEROUS.size(); k++) {
            assertThat(units.get(k + 1)).as("row of %s", DANGEROUS.get(k))
                    .contains(",\"'" + DANGEROUS.get(k).replace("\"", "\"\"") + "\",");
        }
        Run run = verify(units);
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("OK: " + reasons().size() + " records, ");
    }

    @Test
    void theVerifierReadsBackTheOriginalValuesAValueBeginningWithAnApostropheIncluded() throws Exception {
        List<String> units = export(reasons());
        assertThat(units.get(DANGEROUS.size() + 1)).contains(",\"''quoted' on purpose\",");

        List<Object> read = new ArrayList<>();
        try (InputStream in = Files.newInputStream(write(units))) {
            CsvReader reader = new CsvReader(in);
            for (ExportEntry entry = reader.next(); entry != null; entry = reader.next()) {
                if ("record".equals(entry.fields().get("type"))) {
                    read.add(entry.fields().get("reason"));
                }
            }
        }
        assertThat(read).containsExactlyElementsOf(reasons());
    }

    @Test
    void removingTheApostropheThatGuardsACellIsDetectedThoughTheValueIsTheHashedOne() throws Exception {
        List<String> units = export(reasons());
        for (int k = 0; k < DANGEROUS.size(); k++) {
            List<String> armed = new ArrayList<>(units);
            armed.set(k + 1, units.get(k + 1).replace(",\"'" + DANGEROUS.get(k).replace("\"", "\"\""),
                    ",\"" + DANGEROUS.get(k).replace("\"", "\"\"")));
            assertThat(armed.get(k + 1)).isNotEqualTo(units.get(k + 1));

            assertFails(verify(armed), "line " + (k + 2) + ": column reason: the cell begins with ");
        }
        assertThat(verify(units).err()).isEmpty();
    }

    @Test
    void changingAGuardedValueOrAddingANeedlessGuardIsDetected() throws Exception {
        List<String> units = export(reasons());
        List<String> changed = new ArrayList<>(units);
        changed.set(1, units.get(1).replace("http://evil", "http://evjl"));
        assertFails(verify(changed), "line 2 (sequence 1000): hash does not match its content");

        changed = new ArrayList<>(units);
        changed.set(1, units.get(1).replace("\"'=HYPERLINK", "\"''=HYPERLINK"));
        assertFails(verify(changed), "line 2 (sequence 1000): hash does not match its content"); // '=HYPERLINK…

        changed = new ArrayList<>(units);
        changed.set(1, units.get(1).replace(",\"ModelVersionRegistered\",", ",\"'ModelVersionRegistered\","));
        assertThat(changed.get(1)).isNotEqualTo(units.get(1));
        assertFails(verify(changed), "line 2: column action: the cell begins with an apostrophe that guards nothing");
    }

    @Test
    void aRowMustSayFormatTwoWhenTheHeaderDoes() throws Exception {
        List<String> units = export(reasons());
        List<String> changed = new ArrayList<>(units);
        changed.set(2, units.get(2).replace(",\"2\"\r\n", ",\"1\"\r\n"));

        assertFails(verify(changed), "line 3: column csvFormat must be 2 in every row, as the header says");
    }

    @Test
    void givingAGuardedExportTheHeaderOfFormatOneBreaksTheHashOfTheFirstGuardedRecord() throws Exception {
        List<String> units = export(reasons());
        List<String> formatOne = new ArrayList<>();
        for (String unit : units) {
            formatOne.add(unit.replace(",csvFormat\r\n", "\r\n").replace(",\"2\"\r\n", "\r\n"));
        }

        assertFails(verify(formatOne), "line 2 (sequence 1000): hash does not match its content");
    }

    @Test
    void aDigestSignatureThatBeginsWithPlusIsGuardedAndVerifies() throws Exception {
        List<String> units = export(List.of("ok"));
        Map<String, Object> digest = null;
        for (int i = 0; i < 10_000 && digest == null; i++) {
            Map<String, Object> unsigned = new LinkedHashMap<>(digestOf(units));
            unsigned.put("exportedAt", "2026-11-28T08:00:%02d.%03dZ".formatted(i / 1000 % 60, i % 1000));
            Map<String, Object> signed = DigestSignature.sign(unsigned, KEY.getPrivate());
            if (((String) signed.get(DigestSignature.SIGNATURE)).startsWith("+")) {
                digest = signed;
            }
        }
        assertThat(digest).as("a signature beginning with + (one in 64)").isNotNull();
        units.set(units.size() - 1, ExportWriter.line(Format.CSV, digest));
        assertThat(units.get(units.size() - 1)).contains(",\"'+");

        Run run = verify(units);
        assertThat(run.exit()).as(run.toString()).isZero();
    }

    @Test
    void anExportOfFormatOneMadeBeforeTheGuardStillVerifiesWithItsValuesAsTheyAre() throws Exception {
        Path export = dir.resolve("audit-export-format-1.csv");
        Path key = dir.resolve("format-1.pem");
        copyResource("audit-export-format-1.csv", export);
        copyResource("audit-export-format-1-public-key.pem", key);
        assertThat(Files.readString(export)).startsWith("type,sequence,").contains("signature\r\n")
                .contains(",\"=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",", ",\"'quoted' on purpose\",");

        Run run = run("verify", "--public-key", key.toString(), export.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("OK: 8 records, sequences 1..8, final hash "
                + "28476f70b945be4627d3eadd93039c1ed04a4bd446fc480a695aa11612e3c34b, signed by key "
                + "ceb704d71b47fb34ec9b5e1d634c99613fe4fe00e197e6a90b78d1d43465c0ab\n");
        try (InputStream in = Files.newInputStream(export)) {
            assertThat(new CsvReader(in).next().fields().get("reason"))
                    .isEqualTo("=HYPERLINK(\"http://evil\",\"click\")");
        }
    }

    // ---- helpers ----

    private static List<String> reasons() {
        List<String> reasons = new ArrayList<>(DANGEROUS);
        reasons.add(QUOTED);
        return reasons;
    }

    /** A format 2 CSV export, one record per reason (the rest as ExportWriter's record 0), as units. */
    private static List<String> export(List<String> reasons) {
        List<String> units = new ArrayList<>();
        units.add(ExportWriter.header(Format.CSV));
        HashChain chain = new HashChain();
        for (int i = 0; i < reasons.size(); i++) {
            Map<String, Object> record = ExportWriter.record(0);
            record.put("sequence", ExportWriter.sequence(i));
            record.put("action", "ModelVersionRegistered");
            record.put("reason", reasons.get(i));
            units.add(ExportWriter.line(Format.CSV, chain.link(record)));
        }
        units.add(ExportWriter.line(Format.CSV, ExportWriter.digest(reasons.size(), ExportWriter.sequence(0),
                ExportWriter.sequence(reasons.size() - 1), chain.last(), KEY)));
        return units;
    }

    /** The digest the last unit was written from (rebuilt: the same inputs give the same signed digest). */
    private static Map<String, Object> digestOf(List<String> units) {
        int records = units.size() - 2;
        String lastRow = units.get(units.size() - 2);
        String finalHash = lastRow.substring(lastRow.length() - 80, lastRow.length() - 16);
        Map<String, Object> digest = ExportWriter.digest(records, ExportWriter.sequence(0),
                ExportWriter.sequence(records - 1), finalHash, KEY);
        assertThat(ExportWriter.line(Format.CSV, digest)).isEqualTo(units.get(units.size() - 1));
        return digest;
    }

    private Path write(List<String> units) throws IOException {
        return Files.writeString(dir.resolve("export.csv"), String.join("", units), StandardCharsets.UTF_8);
    }

    private Run verify(List<String> units) throws IOException {
        return run("verify", "--public-key", pem.toString(), write(units).toString());
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = FormulaGuardedCsvTest.class.getResourceAsStream("/exports/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, to);
        }
    }
}
