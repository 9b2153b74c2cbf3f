package com.acme.registry.auditformat.verify;

import com.acme.registry.auditformat.CanonicalJson;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming reader reads every canonical line, and exactly as Jackson databind (configured as the verifier
 * configured it before: longs for integers, no trailing tokens, no duplicate keys) reads it: for canonical lines, for
 * lines written otherwise, and for every line with one character changed, removed or added. What databind refuses,
 * or reads as anything but a flat object, the streaming reader refuses too.
 */
class FlatJsonObjectTest {

    private static final ObjectReader JACKSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build()
            .readerFor(Object.class);
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u0001", "\u007f", "é",
            "€", "\uD83D\uDE00", "{", "}", ",", ":", "[", "]", "-", "1e5", "null", "true"};
    private static final char[] MUTATIONS = {'"', '\\', ',', ':', '{', '}', '[', ' ', '0', '9', '-', '.', 'e', 'u',
            'n', 't', 'f', 'x', '\t', '\u0001', 'é'};

    @Test
    void readsEveryCanonicalLineAsJacksonDoes() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            String line = CanonicalJson.text(randomObject(random));
            Map<String, Object> read = FlatJsonObject.read(line);
            assertThat(read).as(line).isEqualTo(JACKSON.readValue(line));
            assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(
                    ((Map<?, ?>) JACKSON.readValue(line)).keySet()));
            assertThat(CanonicalJson.text(read)).as("read back to the same canonical line").isEqualTo(line);
        }
    }

    @Test
    void neverReadsALineOtherwiseThanJackson() {
        Random random = new Random(12);
        List<String> lines = new ArrayList<>(List.of("{}", "{\"a\":1}", "{\"a\":-0}", "{\"a\":01}", "{\"a\":1.0}",
                "{\"a\":1e3}", "{\"a\":123456789012345678}", "{\"a\":1234567890123456789}",
                "{\"a\":12345678901234567890}", "{\"a\":\"\\u00e9\\ud83d\\ude00\\/\"}", "{\"a\":\"\\ud800\"}",
                "{\"a\":1,\"a\":2}", "{ \"a\":1}", "{\"a\":1} ", "{\"a\":[1]}", "{\"a\":{}}", "{\"a\":nul}",
                "{\"a\":truex}", "{\"a\":\"x\"}{}", "[1]", "\"a\"", "{\"a\":\"\\x\"}", "{\"a\":\"\u0001\"}",
                "{\"a\":\"\\u12\"}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\":}",
                "{\"a\":{\"b\":1,\"b\":2}}", "{\"a\":[1,]}", "{\"a\":1}x", "{\"a\":1}\t", "\uFEFF{\"a\":1}",
                "{\"a\":-9223372036854775808}", "{\"a\":9223372036854775808}"));
        for (int i = 0; i < 300; i++) {
            String line = CanonicalJson.text(randomObject(random));
            lines.add(line);
            for (int j = 0; j < 20; j++) {
                int at = random.nextInt(line.length());
                char c = MUTATIONS[random.nextInt(MUTATIONS.length)];
                lines.add(line.substring(0, at) + c + line.substring(at + 1));
                lines.add(line.substring(0, at) + line.substring(at + 1));
                lines.add(line.substring(0, at) + c + line.substring(at));
            }
        }
        int read = 0;
        int refused = 0;
        for (String line : lines) {
            Object jackson;
            try {
                jackson = JACKSON.readValue(line);
            } catch (Exception e) {
                jackson = null;
            }
            boolean flat = jackson instanceof Map<?, ?> map && map.values().stream().allMatch(v -> v == null
                    || v instanceof String || v instanceof Long || v instanceof Boolean);
            Map<String, Object> fields;
            try {
                fields = FlatJsonObject.read(line);
            } catch (FlatJsonObject.Refused e) {
                assertThat(flat).as("refused (%s), but Jackson reads a flat object: %s", e.getMessage(), line)
                        .isFalse();
                assertThat(e.syntax()).as("a syntax error exactly where Jackson has one: %s", line)
                        .isEqualTo(jackson == null);
                refused++;
                continue;
            }
            assertThat(flat).as("read, but Jackson refuses or reads no flat object: %s", line).isTrue();
            assertThat(fields).as(line).isEqualTo(jackson);
            assertThat(new ArrayList<>(fields.keySet())).isEqualTo(new ArrayList<>(((Map<?, ?>) jackson).keySet()));
            read++;
        }
        assertThat(read).isGreaterThan(300);
        assertThat(refused).isGreaterThan(300);
    }

    @Test
    void namesWhatIsNotFlat() {
        assertThat(refusal("{\"a\":1,\"v\":{\"major\":1}}")).isEqualTo("field \"v\" is a nested object (the "
                + "canonical form only knows strings, integers, booleans and null)");
        assertThat(refusal("{\"v\":[1]}")).startsWith("field \"v\" is an array");
        assertThat(refusal("{\"v\":1.0}")).startsWith("field \"v\" is a number that is not an integer");
        assertThat(refusal("{\"v\":1e2}")).startsWith("field \"v\" is a number that is not an integer");
        assertThat(refusal("[1,2]")).isEqualTo("not a JSON object");
        assertThat(refusal("{\"v\":12345678901234567890}")).startsWith("column ").contains("out of range of long");
        assertThat(refusal("{\"v\":1,\"v\":2}")).startsWith("column ").contains("Duplicate");
        assertThat(refusal("{\"v\":[1],\"w\":x}")).as("invalid JSON anywhere comes first").startsWith("column ");
    }

    private static String refusal(String line) {
        try {
            FlatJsonObject.read(line);
        } catch (FlatJsonObject.Refused e) {
            return e.getMessage();
        }
        throw new AssertionError("read: " + line);
    }

    private static Map<String, Object> randomObject(Random random) {
        Map<String, Object> object = new LinkedHashMap<>();
        int members = random.nextInt(15);
        for (int m = 0; m < members; m++) {
            object.put(randomString(random, 8), switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> random.nextBoolean();
                case 2 -> random.nextLong() % 100_000_000_000_000_000L; // up to 17 digits, as a registry writes
                case 3 -> (long) random.nextInt(1000) - 500;
                default -> randomString(random, 60);
            });
        }
        return object;
    }

    private static String randomString(Random random, int maxPieces) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(maxPieces + 1);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }
}
