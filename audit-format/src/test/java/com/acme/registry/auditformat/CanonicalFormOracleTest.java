package com.acme.registry.auditformat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canonical form, the hashes and the spliced export line are stored data: whatever their implementation, they must
 * give exactly the bytes of the first implementation ({@link ReferenceCanonicalJson}) for every input, odd strings
 * (control characters, quotes, backslashes, non-ASCII, surrogate pairs and unpaired surrogates) and odd keys included.
 */
class CanonicalFormOracleTest {

    private static final String[] ALPHABET = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\b", "\f",
            "\u0000", "\u0001", "\u001f", "\u007f", "é", "€", "ß", "中", "\uD83D\uDE00", "\uD83D", "\uDE00", "\u2028",
            "{", "}", ",", ":", "hash", "previousHash"};
    private static final String[] KEYS = {"action", "actor", "correlationId", "details", "environment", "model",
            "position", "previousHash", "reason", "recordedAt", "sequence", "type", "version", "hash", "a", "z",
            "Hash", "hasi", "hasg", "hash0", "", "é", "\u0001", "€", "\uD83D\uDE00"};

    @Test
    void canonicalTextBytesAndHashesAreThoseOfTheFirstImplementation() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> record = randomRecord(random);
            String expected = ReferenceCanonicalJson.text(record);
            assertThat(CanonicalJson.text(record)).isEqualTo(expected);
            assertThat(CanonicalJson.bytes(record)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
            Map<String, Object> withoutHash = new LinkedHashMap<>(record);
            withoutHash.remove(HashChain.HASH);
            assertThat(HashChain.hashOf(record))
                    .isEqualTo(HashChain.sha256Hex(ReferenceCanonicalJson.bytes(withoutHash)));
        }
    }

    @Test
    void theSplicedLineIsTheCanonicalFormOfTheLinkedRecord() {
        Random random = new Random(7);
        HashChain linked = new HashChain();
        HashChain spliced = new HashChain();
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> record = randomRecord(random);
            Map<String, Object> expected = linked.link(record);
            byte[] line = spliced.linkCanonical(record);
            assertThat(new String(line, StandardCharsets.UTF_8))
                    .isEqualTo(new String(ReferenceCanonicalJson.bytes(expected), StandardCharsets.UTF_8));
            assertThat(line).isEqualTo(ReferenceCanonicalJson.bytes(expected));
            assertThat(spliced.last()).isEqualTo(linked.last()).isEqualTo(expected.get(HashChain.HASH));
        }
    }

    @Test
    void anExportRecordLineIsSplicedRight() {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("type", "record");
        record.put("sequence", 7L);
        record.put("position", null);
        record.put("recordedAt", "2026-11-27T10:15:30.123Z");
        record.put("actor", "alice");
        record.put("action", "ModelRegistered");
        record.put("model", "m");
        record.put("version", 3L);
        record.put("environment", null);
        record.put("reason", "a \"reason\"\n");
        record.put("correlationId", null);
        record.put("details", "{\"x\":1}");
        HashChain chain = HashChain.continuingFrom("ab".repeat(32));
        String line = new String(chain.linkCanonical(record), StandardCharsets.UTF_8);
        assertThat(line).startsWith("{\"action\":\"ModelRegistered\",\"actor\":\"alice\",\"correlationId\":null,"
                + "\"details\":\"{\\\"x\\\":1}\",\"environment\":null,\"hash\":\"" + chain.last() + "\",\"model\":\"m\"")
                .endsWith(",\"previousHash\":\"" + "ab".repeat(32) + "\",\"reason\":\"a \\\"reason\\\"\\n\","
                        + "\"recordedAt\":\"2026-11-27T10:15:30.123Z\",\"sequence\":7,\"type\":\"record\",\"version\":3}");
    }

    private static Map<String, Object> randomRecord(Random random) {
        Map<String, Object> record = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(List.of(KEYS));
        int members = random.nextInt(keys.size() + 1);
        for (int m = 0; m < members; m++) {
            String key = keys.remove(random.nextInt(keys.size()));
            record.put(key, randomValue(random));
        }
        return record;
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextInt();
            case 4 -> (short) random.nextInt();
            default -> {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(40);
                for (int i = 0; i < length; i++) {
                    s.append(ALPHABET[random.nextInt(ALPHABET.length)]);
                }
                yield s.toString();
            }
        };
    }
}
