package com.acme.registry.audit;

import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which start of the registry puts its audit signing key on the record, and with what. */
class SigningKeyRecordsTest {

    private static JdbcTemplate jdbc;
    private static SecurityAudit audit;

    @BeforeAll
    static void database() {
        jdbc = new JdbcTemplate(TestDatabase.migrated("signingkey"));
        audit = new SecurityAudit(new AuditLog(jdbc), JsonMapper.builder().build());
    }

    @Test
    void aNewKeyIsRecordedAnUnchangedOneIsNotAndAReplacedOneIs() throws Exception {
        Path file = TestDatabase.tempDir().resolve("records-" + System.nanoTime() + ".pem");
        AuditSigningKey first = new AuditSigningKey(file);
        start(first);
        start(new AuditSigningKey(file));
        assertThat(records()).containsExactly(Map.of("action", "AuditSigningKeyCreated", "actor", "registry",
                "key", first.keyId(), "file", file.toAbsolutePath().toString(), "generated", "true"));

        Files.delete(file); // lost: the next start generates another key
        AuditSigningKey second = new AuditSigningKey(file);
        start(second);
        Path swapped = TestDatabase.tempDir().resolve("swapped-" + System.nanoTime() + ".pem");
        AuditSigningKey third = new AuditSigningKey(swapped); // made elsewhere, put in place behind the registry's back
        start(new AuditSigningKey(swapped));

        List<Map<String, Object>> records = records();
        assertThat(records).hasSize(3);
        assertThat(records.get(1)).containsEntry("action", "AuditSigningKeyReplaced").containsEntry("key", second.keyId())
                .containsEntry("previous", first.keyId()).containsEntry("generated", "true");
        assertThat(records.get(2)).containsEntry("action", "AuditSigningKeyReplaced").containsEntry("key", third.keyId())
                .containsEntry("previous", second.keyId()).containsEntry("generated", "false");
        assertThat(jdbc.queryForList("SELECT details FROM audit_record", String.class))
                .allSatisfy(details -> assertThat(details).doesNotContain("PRIVATE"));
    }

    @Test
    void anExistingKeyWithNoneOnRecordIsRecordedOnceAsLoaded() {
        JdbcTemplate upgraded = new JdbcTemplate(TestDatabase.migrated("signingkey-upgrade"));
        SecurityAudit upgradedAudit = new SecurityAudit(new AuditLog(upgraded), JsonMapper.builder().build());
        Path file = TestDatabase.tempDir().resolve("existing-" + System.nanoTime() + ".pem");
        new AuditSigningKey(file); // a key from before the registry recorded keys
        AuditSigningKey existing = new AuditSigningKey(file);

        new SigningKeyRecords(existing, upgradedAudit, upgraded).recordKeyInUse();
        new SigningKeyRecords(new AuditSigningKey(file), upgradedAudit, upgraded).recordKeyInUse();

        assertThat(upgraded.queryForList("SELECT action || ' ' || (details::jsonb->>'keyId') FROM audit_record",
                String.class)).containsExactly("AuditSigningKeyLoaded " + existing.keyId());
    }

    private static void start(AuditSigningKey key) {
        new SigningKeyRecords(key, audit, jdbc).recordKeyInUse();
    }

    private static List<Map<String, Object>> records() {
        return jdbc.queryForList("""
                SELECT action, actor, details::jsonb->>'keyId' AS key, details::jsonb->>'file' AS file,
                       details::jsonb->>'generated' AS generated, details::jsonb->>'previousKeyId' AS previous
                FROM audit_record ORDER BY sequence""").stream().map(row -> {
                    Map<String, Object> kept = new java.util.HashMap<>(row);
                    kept.values().removeIf(java.util.Objects::isNull);
                    return (Map<String, Object>) kept;
                }).toList();
    }
}
