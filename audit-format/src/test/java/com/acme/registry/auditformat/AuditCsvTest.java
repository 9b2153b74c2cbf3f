package com.acme.registry.auditformat;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuditCsvTest {

    @Test
    void formatTwoAddsTheCsvFormatColumnToTheColumnsOfFormatOne() {
        assertThat(AuditCsv.header()).isEqualTo("type,sequence,position,recordedAt,actor,action,model,version,"
                + "environment,reason,correlationId,details,previousHash,hash,count,firstSequence,lastSequence,"
                + "finalHash,filter,exportedAt,algorithm,publicKeyId,signature,csvFormat\r\n");
        assertThat(AuditCsv.COLUMNS).hasSize(24).startsWith(AuditCsv.FIELD_COLUMNS.toArray(String[]::new));
    }

    @Test
    void aRowQuotesAndGuardsEveryValueLeavesNullsEmptyAndEndsWithTheFormat() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "record");
        record.put("sequence", 7L);
        record.put("position", null);
        record.put("actor", "-dash");
        record.put("version", -3L);
        record.put("reason", "=HYPERLINK(\"http://evil\",\"click\")");
        record.put("correlationId", "'quoted'");

        assertThat(AuditCsv.row(record)).isEqualTo("\"record\",\"7\",,,\"'-dash\",,,\"'-3\",,"
                + "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",\"''quoted'\",,,,,,,,,,,,,\"2\"\r\n");
    }

    @Test
    void aDigestSignatureThatBeginsWithPlusIsGuardedToo() {
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("type", "digest");
        digest.put("signature", "+AbC/dEf==");

        assertThat(AuditCsv.row(digest)).endsWith(",\"'+AbC/dEf==\",\"2\"\r\n");
    }
}
