package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.AuditCsv;
import com.acme.registry.auditformat.verify.ExportWriter.Export;
import com.acme.registry.auditformat.verify.ExportWriter.Format;
import com.acme.registry.auditformat.verify.CsvReader;
import com.acme.registry.auditformat.verify.ExportEntry;
import com.acme.registry.auditformat.verify.ExportReader;
import com.acme.registry.auditformat.verify.JsonLinesReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Both readers rebuild the same maps of fields, the ones the writer wrote: CSV is only a transport. */
class ExportReadersTest {

    static final KeyPair KEY = ExportWriter.keyPair();

    @Test
    void csvRowsAndJsonLinesBecomeTheSameFields() throws Exception {
        Export jsonl = ExportWriter.build(Format.JSONL, 40, KEY);
        Export csv = ExportWriter.build(Format.CSV, 40, KEY);

        List<ExportEntry> fromJsonl = readAll(new JsonLinesReader(stream(jsonl)));
        List<ExportEntry> fromCsv = readAll(new CsvReader(stream(csv)));

        List<Map<String, Object>> written = new ArrayList<>(jsonl.records);
        written.add(jsonl.digest);
        assertThat(fromJsonl).extracting(ExportEntry::fields).containsExactlyElementsOf(written);
        assertThat(fromCsv).extracting(ExportEntry::fields).containsExactlyElementsOf(written);
        assertThat(fromCsv).extracting(ExportEntry::line)
                .containsExactlyElementsOf(linesOf(csv, 1, csv.units.size()));
        assertThat(fromJsonl).extracting(ExportEntry::line)
                .containsExactlyElementsOf(linesOf(jsonl, 0, jsonl.units.size()));
    }

    @Test
    void csvKeepsNullAndTheEmptyStringApartAndReadsIntegerColumnsAsLong() throws Exception {
        String row = "\"record\",\"7\",,\"2026-11-27T10:15:30.123Z\",\"\",\"AccessDenied\",,\"'-3\",\"\",\"a \"\"b\"\",\r\nc\","
                + ",\"{}\",\"p\",\"h\",,,,,,,,,,\"2\"\r\n";

        assertNullsEmptyStringsAndIntegers(read(String.join(",", CsvReader.COLUMNS) + "\r\n" + row));
    }

    @Test
    void csvOfFormatOneHoldsTheValuesAsTheyAre() throws Exception {
        String row = "\"record\",\"7\",,\"2026-11-27T10:15:30.123Z\",\"\",\"AccessDenied\",,\"-3\",\"\",\"a \"\"b\"\",\r\nc\","
                + ",\"{}\",\"p\",\"h\",,,,,,,,,\r\n";

        assertNullsEmptyStringsAndIntegers(read(String.join(",", AuditCsv.FIELD_COLUMNS) + "\r\n" + row));
    }

    private static ExportEntry read(String csv) throws Exception {
        return new CsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))).next();
    }

    private static void assertNullsEmptyStringsAndIntegers(ExportEntry entry) {
        Map<String, Object> fields = entry.fields();
        assertThat(entry.line()).isEqualTo(2);
        assertThat(fields).containsOnlyKeys("type", "sequence", "position", "recordedAt", "actor", "action", "model",
                "version", "environment", "reason", "correlationId", "details", "previousHash", "hash");
        assertThat(fields.get("sequence")).isEqualTo(7L);
        assertThat(fields.get("version")).isEqualTo(-3L);
        assertThat(fields).containsEntry("position", null).containsEntry("model", null)
                .containsEntry("correlationId", null);
        assertThat(fields).containsEntry("actor", "").containsEntry("environment", "");
        assertThat(fields).containsEntry("reason", "a \"b\",\r\nc");
    }

    private static ByteArrayInputStream stream(Export export) {
        return new ByteArrayInputStream(export.text().getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> linesOf(Export export, int from, int to) {
        List<Long> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(export.lineOf(i));
        }
        return lines;
    }

    private static List<ExportEntry> readAll(ExportReader reader) throws Exception {
        List<ExportEntry> entries = new ArrayList<>();
        for (ExportEntry entry = reader.next(); entry != null; entry = reader.next()) {
            entries.add(entry);
        }
        return entries;
    }
}
