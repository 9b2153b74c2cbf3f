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
 * The fast line reader reads every canonical line itself, and whatever it reads, Jackson (configured as the verifier
 * configures it) reads the same: for canonical lines, for lines written otherwise, and for every line with one
 * character changed, removed or added. Where they could differ, it leaves the line to Jackson.
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
            FlatJsonObject.Read read = FlatJsonObject.readLine(line);
            assertThat(read).as(line).isNotNull();
            assertThat(read.hashedForm()).as("a canonical line has its hashed form").isEqualTo(hashedForm(read));
            Map<String, Object> fast = read.fields();
            assertThat(fast).as(line).isEqualTo(JACKSON.readValue(line));
            assertThat(new ArrayList<>(fast.keySet())).isEqualTo(new ArrayList<>(
                    ((Map<?, ?>) JACKSON.readValue(line)).keySet()));
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
                "{\"a\":\"\\u12\"}", "{\"a\":+1}", "{\"a\":-}", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\":}"));
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
        int readFast = 0;
        int canonical = 0;
        for (String line : lines) {
            FlatJsonObject.Read read = FlatJsonObject.readLine(line);
            if (read == null) {
                continue;
            }
            Map<String, Object> fast = read.fields();
            readFast++;
            if (read.hashedForm() != null) {
                canonical++;
                assertThat(read.hashedForm()).as(line).isEqualTo(hashedForm(read));
                assertThat(CanonicalJson.text(fast)).as("only a canonical line has a hashed form").isEqualTo(line);
            }
            Object jackson;
            try {
                jackson = JACKSON.readValue(line);
            } catch (Exception e) {
                throw new AssertionError("read fast, but Jackson refuses: " + line, e);
            }
            assertThat(fast).as(line).isEqualTo(jackson);
            assertThat(new ArrayList<>(fast.keySet())).isEqualTo(new ArrayList<>(((Map<?, ?>) jackson).keySet()));
        }
        assertThat(readFast).isGreaterThan(300);
        assertThat(canonical).isGreaterThan(300);
    }

    @Test
    void aLineWrittenOtherwiseHasNoHashedForm() {
        for (String line : List.of("{\"b\":1,\"a\":2}", "{\"a\":\"\\/\"}", "{\"a\":\"\\u0041\"}",
                "{\"a\":\"\\u000a\"}", "{\"a\":\"\\u001F\"}", "{\"h\\u0061sh\":\"x\"}")) {
            FlatJsonObject.Read read = FlatJsonObject.readLine(line);
            assertThat(read).as(line).isNotNull();
            assertThat(read.hashedForm()).as(line).isNull();
        }
        FlatJsonObject.Read escaped = FlatJsonObject.readLine("{\"a\":\"\\u001f\",\"hash\":\"h\",\"z\":true}");
        assertThat(escaped.hashedForm()).isEqualTo("{\"a\":\"\\u001f\",\"z\":true}");
        assertThat(FlatJsonObject.readLine("{\"hash\":\"h\"}").hashedForm()).isEqualTo("{}");
        assertThat(FlatJsonObject.readLine("{\"hash\":1,\"z\":2}").hashedForm()).isEqualTo("{\"z\":2}");
        assertThat(FlatJsonObject.readLine("{\"a\":null,\"hash\":null}").hashedForm()).isEqualTo("{\"a\":null}");
    }

    /** What the verifier would hash without the reader's help: the canonical form of the fields but hash. */
    private static String hashedForm(FlatJsonObject.Read read) {
        Map<String, Object> withoutHash = new LinkedHashMap<>(read.fields());
        withoutHash.remove("hash");
        return CanonicalJson.text(withoutHash);
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
