package com.acme.registry.cli;

import com.acme.registry.auditformat.DigestSignature;
import com.acme.registry.auditformat.HashChain;
import com.acme.registry.auditformat.verify.ExportWriter;
import com.acme.registry.auditformat.verify.ExportWriter.Export;
import com.acme.registry.auditformat.verify.ExportWriter.Format;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {

    static final KeyPair KEY = ExportWriter.keyPair();
    static final KeyPair OTHER_KEY = ExportWriter.keyPair();
    static final String KEY_ID = DigestSignature.keyId(KEY.getPublic());
    static final String OTHER_KEY_ID = DigestSignature.keyId(OTHER_KEY.getPublic());
    static final int N = 12;

    @TempDir
    Path dir;
    Path pem;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void writePublicKey() throws IOException {
        pem = Files.writeString(dir.resolve("registry-audit.pem"), DigestSignature.publicKeyPem(KEY.getPublic()));
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = RegistryCli.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    Path write(Format format, String text) throws IOException {
        return Files.writeString(dir.resolve("export" + format.extension), text, StandardCharsets.UTF_8);
    }

    Path write(Format format, List<String> units) throws IOException {
        return write(format, String.join("", units));
    }

    Run verify(Path file) {
        return run("verify", "--public-key", pem.toString(), file.toString());
    }

    Run verify(Format format, List<String> units) throws IOException {
        return verify(write(format, units));
    }

    /** Exit 1, and the message (one line on stderr) starts with {@code prefix}. */
    static void assertFails(Run run, String prefix) {
        assertThat(run.exit()).as("exit code of %s", run).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("FAILED: " + prefix).endsWith("\n").hasLineCount(1);
    }

    static String at(Export export, int unit) {
        return "line " + export.lineOf(unit);
    }

    static String at(List<String> units, int unit) {
        return "line " + Export.lineOf(units, unit);
    }

    static String recordAt(Export export, int k) {
        return at(export, export.unit(k)) + " (sequence " + ExportWriter.sequence(k) + ")";
    }

    static String digestAt(Export export) {
        return "digest (line " + export.lineOf(export.digestUnit()) + ")";
    }

    // ---- valid exports ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void aValidExportVerifies(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);

        Run run = verify(format, export.units);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("OK: 12 records, sequences 1000..1013, final hash "
                + export.records.get(N - 1).get("hash") + ", signed by key " + KEY_ID + "\n");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anEmptyExportVerifies(Format format) throws IOException {
        Export export = ExportWriter.build(format, 0, KEY);

        Run run = verify(format, export.units);

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("OK: 0 records, final hash " + HashChain.GENESIS + ", signed by key "
                + KEY_ID + "\n");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void theFormatOptionOverridesTheFileName(Format format) throws IOException {
        Path file = Files.writeString(dir.resolve("export.txt"), ExportWriter.build(format, 3, KEY).text());

        assertThat(run("verify", "--public-key", pem.toString(), file.toString()).exit()).isEqualTo(2);
        Run run = run("verify", "--public-key", pem.toString(), "--format", format.name().toLowerCase(),
                file.toString());
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("OK: 3 records, sequences 1000..1002, ");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aDigestThatLostOnlyItsLastLineEndStillVerifies(Format format) throws IOException {
        String text = ExportWriter.build(format, N, KEY).text();

        assertThat(verify(write(format, text.substring(0, text.length() - 1))).exit()).isZero();
    }

    // ---- changed records ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingOneCharacterOfTheActorIsDetectedAtThatLine(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        int k = 6; // actor "alice"
        assertThat(export.records.get(k).get("actor")).isEqualTo("alice");
        export.units.set(export.unit(k), export.units.get(export.unit(k)).replace("alice", "alicf"));

        assertFails(verify(format, export.units), recordAt(export, k) + ": hash does not match its content");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingOneCharacterOfTheDetailsIsDetectedAtThatLine(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        int k = 8;
        String unit = export.units.get(export.unit(k));
        assertThat(unit).contains("débit");
        export.units.set(export.unit(k), unit.replace("débit", "débil"));

        assertFails(verify(format, export.units), recordAt(export, k) + ": hash does not match its content");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingAnyByteOfARecordIsDetectedAtThatLine(Format format) throws IOException {
        Export export = ExportWriter.build(format, 6, KEY);
        int k = 2; // a reason with a line break, quotes, a comma and non-ASCII: the CSV row spans two lines
        assertThat((String) export.records.get(k).get("reason")).contains("\n", "\"", ",", "→");
        assertEveryChangedByteFailsAt(format, export, export.unit(k), at(export, export.unit(k)) + ":",
                at(export, export.unit(k)) + " (sequence " + ExportWriter.sequence(k) + "):");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingAnyByteOfTheDigestIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, 6, KEY);
        assertEveryChangedByteFailsAt(format, export, export.digestUnit(), digestAt(export),
                at(export, export.digestUnit()) + ":");
    }

    /** Replaces each byte of one unit in turn by another: the export never verifies, and the failure is there. */
    private void assertEveryChangedByteFailsAt(Format format, Export export, int unit, String... prefixes)
            throws IOException {
        byte[] before = String.join("", export.units.subList(0, unit)).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = export.text().getBytes(StandardCharsets.UTF_8);
        int length = export.units.get(unit).getBytes(StandardCharsets.UTF_8).length;
        for (int i = before.length; i < before.length + length; i++) {
            byte[] changed = Arrays.copyOf(bytes, bytes.length);
            changed[i] = (byte) (changed[i] == 'X' ? 'Y' : 'X');
            Path file = Files.write(dir.resolve("export" + format.extension), changed);
            Run run = verify(file);
            int offset = i - before.length;
            assertThat(run.exit()).as("byte %d of the unit changed: %s", offset, run).isEqualTo(1);
            assertThat(Arrays.stream(prefixes).anyMatch(p -> run.err().startsWith("FAILED: " + p)))
                    .as("byte %d of the unit changed: %s does not start with one of %s", offset, run.err(),
                            Arrays.toString(prefixes))
                    .isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aNullAndAnEmptyStringAreNotTheSame(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        int withNullActor = 7;
        int withEmptyActor = 4;
        assertThat(export.records.get(withNullActor).get("actor")).isNull();
        assertThat(export.records.get(withEmptyActor).get("actor")).isEqualTo("");

        List<String> units = new ArrayList<>(export.units);
        units.set(export.unit(withNullActor), ExportWriter.line(format, with(export.records.get(withNullActor),
                "actor", "")));
        assertFails(verify(format, units), recordAt(export, withNullActor) + ": hash does not match its content");

        units = new ArrayList<>(export.units);
        units.set(export.unit(withEmptyActor), ExportWriter.line(format, with(export.records.get(withEmptyActor),
                "actor", null)));
        assertFails(verify(format, units), recordAt(export, withEmptyActor) + ": hash does not match its content");
    }

    // ---- removed, reordered, inserted records -----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void removingARecordBreaksTheNextLink(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        List<String> units = new ArrayList<>(export.units);
        units.remove(export.unit(4));

        assertFails(verify(format, units), at(units, export.unit(4)) + " (sequence " + ExportWriter.sequence(5)
                + "): previousHash does not link to " + at(units, export.unit(3)) + " (sequence "
                + ExportWriter.sequence(3) + ")");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void removingTheFirstRecordBreaksTheStartOfTheChain(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        List<String> units = new ArrayList<>(export.units);
        units.remove(export.unit(0));

        assertFails(verify(format, units), at(units, export.unit(0)) + " (sequence " + ExportWriter.sequence(1)
                + "): previousHash is not 64 zeros, but this is the first record");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void removingTheLastRecordBreaksTheCount(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        List<String> units = new ArrayList<>(export.units);
        units.remove(export.unit(N - 1));

        assertFails(verify(format, units), "digest (line " + Export.lineOf(units, units.size() - 1)
                + "): count says 12, the file has 11 records");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void reorderingTwoRecordsBreaksTheLink(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        List<String> units = new ArrayList<>(export.units);
        units.set(export.unit(3), export.units.get(export.unit(4)));
        units.set(export.unit(4), export.units.get(export.unit(3)));

        assertFails(verify(format, units), at(units, export.unit(3)) + " (sequence " + ExportWriter.sequence(4)
                + "): previousHash does not link to " + at(units, export.unit(2)));
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void insertingARecordWithARecomputedHashBreaksTheNextLink(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        Map<String, Object> forged = ExportWriter.record(2);
        forged.put("sequence", ExportWriter.sequence(3) + 1); // fits the gap between records 3 and 4
        forged.put("actor", "mallory");
        Map<String, Object> linked = HashChain.continuingFrom((String) export.records.get(3).get("hash"))
                .link(forged);
        assertThat(HashChain.hashOf(linked)).isEqualTo(linked.get("hash"));
        List<String> units = new ArrayList<>(export.units);
        units.add(export.unit(4), ExportWriter.line(format, linked));

        assertFails(verify(format, units), at(units, export.unit(5)) + " (sequence " + ExportWriter.sequence(4)
                + "): previousHash does not link to " + at(units, export.unit(4)) + " (sequence "
                + (ExportWriter.sequence(3) + 1) + ")");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void insertingALinkedRecordAtTheEndBreaksTheCount(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        Map<String, Object> forged = ExportWriter.record(N);
        Map<String, Object> linked = HashChain.continuingFrom((String) export.records.get(N - 1).get("hash"))
                .link(forged);
        List<String> units = new ArrayList<>(export.units);
        units.add(export.digestUnit(), ExportWriter.line(format, linked));

        assertFails(verify(format, units), "digest (line " + Export.lineOf(units, units.size() - 1)
                + "): count says 12, the file has 13 records");

        // and fixing the digest to match, without the private key, breaks the signature
        Map<String, Object> digest = new LinkedHashMap<>(export.digest);
        digest.put("count", (long) N + 1);
        digest.put("lastSequence", ExportWriter.sequence(N));
        digest.put("finalHash", linked.get("hash"));
        units.set(units.size() - 1, ExportWriter.line(format, digest));

        assertFails(verify(format, units), "digest (line " + Export.lineOf(units, units.size() - 1)
                + "): signature does not verify with the given public key (key id " + KEY_ID + ", digest names "
                + KEY_ID + ")");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aRecordAfterTheDigestIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        Map<String, Object> linked = HashChain.continuingFrom((String) export.records.get(N - 1).get("hash"))
                .link(ExportWriter.record(N));
        List<String> units = new ArrayList<>(export.units);
        units.add(ExportWriter.line(format, linked));

        assertFails(verify(format, units), at(units, units.size() - 1) + ": records after the digest");

        units.set(units.size() - 1, format == Format.CSV ? "not,a,row\r\n" : "{not json\n");
        assertFails(verify(format, units), at(units, units.size() - 1) + ": content after the digest");
    }

    // ---- truncation ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void aMissingDigestMeansTheExportIsTruncated(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        List<String> units = new ArrayList<>(export.units.subList(0, export.digestUnit()));

        assertFails(verify(format, units), "no digest line: the export is truncated (the last line is "
                + at(export, export.unit(N - 1)) + ", a record, sequence " + ExportWriter.sequence(N - 1) + ")");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void cuttingARecordLineAnywhereIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, 6, KEY);
        int unit = export.unit(2); // spans two lines in CSV
        String cutAt = at(export, unit);
        String text = String.join("", export.units.subList(0, unit));
        String line = export.units.get(unit);
        for (int i = 1; i < line.length(); i++) {
            Run run = verify(write(format, text + line.substring(0, i)));
            assertThat(run.exit()).as("cut after %d chars: %s", i, run).isEqualTo(1);
            assertThat(run.err()).as("cut after %d chars", i).contains(cutAt).contains("truncated");
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void cuttingTheDigestLineIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, 6, KEY);
        String text = String.join("", export.units.subList(0, export.digestUnit()));
        String line = export.units.get(export.digestUnit());
        int lineEnd = format == Format.CSV ? 2 : 1;
        for (int i = 1; i < line.length() - lineEnd; i++) {
            Run run = verify(write(format, text + line.substring(0, i)));
            assertThat(run.exit()).as("cut after %d chars: %s", i, run).isEqualTo(1);
            assertThat(run.err()).as("cut after %d chars", i)
                    .matches("FAILED: (" + Pattern.quote(at(export, export.digestUnit())) + "|"
                            + Pattern.quote(digestAt(export)) + "): .*\n")
                    .contains("truncated");
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anEmptyFileIsATruncatedExport(Format format) throws IOException {
        Run run = verify(write(format, ""));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("truncated");
    }

    // ---- the digest ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingTheDigestCountIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        export.units.set(export.digestUnit(), ExportWriter.line(format, with(export.digest, "count", 13L)));

        assertFails(verify(format, export.units), digestAt(export) + ": count says 13, the file has 12 records");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void changingTheDigestFinalHashIsDetected(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, KEY);
        export.units.set(export.digestUnit(), ExportWriter.line(format, with(export.digest, "finalHash",
                export.records.get(N - 2).get("hash"))));

        assertFails(verify(format, export.units), digestAt(export) + ": finalHash does not match the last record ("
                + at(export, export.unit(N - 1)) + ", sequence " + ExportWriter.sequence(N - 1) + ")");
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aDigestReSignedWithAnotherKeyDoesNotVerifyWithTheRegistryKey(Format format) throws IOException {
        Export export = ExportWriter.build(format, N, OTHER_KEY);

        assertFails(verify(format, export.units), digestAt(export) + ": signature does not verify with the given "
                + "public key (key id " + KEY_ID + ", digest names " + OTHER_KEY_ID + ")");

        // the same, claiming the registry's key id
        Map<String, Object> claimed = with(export.digest, "publicKeyId", KEY_ID);
        export.units.set(export.digestUnit(), ExportWriter.line(format,
                DigestSignature.sign(claimed, OTHER_KEY.getPrivate())));
        assertFails(verify(format, export.units), digestAt(export) + ": signature does not verify with the given "
                + "public key (key id " + KEY_ID + ", digest names " + KEY_ID + ")");
    }

    // ---- format details ------------------------------------------------------------------------------------

    @Test
    void jsonLinesValuesAreStringsIntegersBooleansOrNull() throws IOException {
        Export export = ExportWriter.build(Format.JSONL, N, KEY);
        int k = 3;
        String line = export.units.get(k);
        String version = "\"version\":" + export.records.get(k).get("version");
        assertThat(line).contains(version);
        String at = recordAt(export, k).replaceFirst(" \\(sequence \\d+\\)", "");

        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, version + ".0"))),
                at + ": field \"version\" is a number that is not an integer");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, "\"version\":{\"major\":1}"))),
                at + ": field \"version\" is a nested object");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, "\"version\":[1]"))),
                at + ": field \"version\" is an array");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, "\"version\":1e2"))),
                at + ": field \"version\" is a number that is not an integer");
        Run tooBig = verify(Format.JSONL, replaced(export, k, line.replace(version, "\"version\":12345678901234567890")));
        assertFails(tooBig, at + ": not valid JSON (column ");
        assertThat(tooBig.err()).contains("out of range of long");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, "\"version\":\"3\""))),
                recordAt(export, k) + ": field \"version\" must be an integer or null, it is a string");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace(version, version + "," + version))),
                at + ": not valid JSON (");
        assertFails(verify(Format.JSONL, replaced(export, k, "[1,2]\n")), at + ": not a JSON object");
        assertFails(verify(Format.JSONL, replaced(export, k, line + "\n")), "line " + (k + 2) + ": empty line");
        assertFails(verify(Format.JSONL, replaced(export, k, line.replace("\"actor\":", "\"author\":"))),
                recordAt(export, k) + ": the record has no field \"actor\"");
    }

    @Test
    void csvNeedsTheHeaderAndWellFormedRows() throws IOException {
        Export export = ExportWriter.build(Format.CSV, N, KEY);
        int k = 3;
        String row = export.units.get(export.unit(k));
        String at = at(export, export.unit(k));
        String version = ",\"" + export.records.get(k).get("version") + "\",";
        assertThat(row).contains(version);

        List<String> units = new ArrayList<>(export.units);
        units.set(0, export.units.get(0).replace("actor", "author"));
        assertFails(verify(Format.CSV, units), "line 1: not the header of a CSV audit export");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), row.replace(version, ",\"3.0\","))),
                at + ": column version: \"3.0\" is not an integer");
        String unquoted = version.replace("\"", "");
        assertThat(verify(Format.CSV, replaced(export, export.unit(k), row.replace(version, unquoted))).exit())
                .as("RFC 4180 allows an unquoted value: the same content").isZero();
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), row.replace(version, ",3,"))),
                recordAt(export, k) + ": hash does not match its content");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k),
                        row.replace(version, version.substring(0, version.length() - 1) + "x,"))),
                at + ": malformed CSV: 'x' after the closing quote of a value (column version)");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), row.replace(version, ",3\",\""))),
                at + ": malformed CSV: a quote inside an unquoted value (column version)");
        String withoutLineEnd = row.substring(0, row.length() - 2);
        assertThat(row).contains("line one\r\nline two"); // a quoted CRLF inside a value stays
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), withoutLineEnd + ",\r\n")),
                at + ": 25 columns, the header has 24");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), withoutLineEnd + "\r\r\n")),
                at + ": malformed CSV: a carriage return that is not part of a line end");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k),
                        row.substring(0, row.length() - 2) + ",\"\",,,,,,,,\r\n")),
                at + ": 33 columns, the header has 24");
        String digestColumnSet = row.substring(0, row.length() - 15) + ",\"1\",,,,,,,,,\"2\"\r\n";
        assertThat(digestColumnSet).endsWith("\",\"1\",,,,,,,,,\"2\"\r\n");
        assertFails(verify(Format.CSV, replaced(export, export.unit(k), digestColumnSet)),
                at + ": column count is set in a record row");
    }

    private static List<String> replaced(Export export, int unit, String text) {
        List<String> units = new ArrayList<>(export.units);
        units.set(unit, text);
        return units;
    }

    private static Map<String, Object> with(Map<String, Object> fields, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return changed;
    }

    // ---- usage ---------------------------------------------------------------------------------------------

    @Test
    void usageErrorsExitWith2() throws IOException {
        Path export = write(Format.JSONL, ExportWriter.build(Format.JSONL, 2, KEY).text());
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        Path rsaLooking = Files.writeString(dir.resolve("rsa.pem"),
                "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");

        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("verify").exit()).isEqualTo(2);
        assertThat(run("verify", export.toString()).exit()).isEqualTo(2);
        assertThat(run("verify", "--public-key", pem.toString(), "--format", "xml", export.toString()).exit())
                .isEqualTo(2);
        Run missingFile = run("verify", "--public-key", pem.toString(), dir.resolve("nope.jsonl").toString());
        assertThat(missingFile.exit()).isEqualTo(2);
        assertThat(missingFile.err()).contains("cannot read the export file").contains("nope.jsonl");
        Run missingKey = run("verify", "--public-key", dir.resolve("nope.pem").toString(), export.toString());
        assertThat(missingKey.exit()).isEqualTo(2);
        assertThat(missingKey.err()).contains("cannot read the public key file");
        assertThat(run("verify", "--public-key", notAKey.toString(), export.toString()).exit()).isEqualTo(2);
        Run badKey = run("verify", "--public-key", rsaLooking.toString(), export.toString());
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("is not an Ed25519 public key");
        assertThat(run("verify", "--public-key", pem.toString(), export.toString()).exit()).isZero();
        assertThat(run("verify", "--help").out()).contains("--public-key", "--format", "EXPORT_FILE");
    }
}
