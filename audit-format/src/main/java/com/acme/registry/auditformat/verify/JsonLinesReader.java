package com.acme.registry.auditformat.verify;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON Lines export: one JSON object per line, values strings, integers (as Long), booleans or null. The lines
 * a registry writes are read by {@link FlatJsonObject}; any other line by Jackson, as before.
 */
public final class JsonLinesReader implements ExportReader {

    /** Built on first use: a registry's lines are read by {@link FlatJsonObject}, and Jackson costs start-up time. */
    private static final class Jackson {
        static final ObjectReader JSON = JsonMapper.builder()
                .enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build()
                .readerFor(Object.class);
    }

    private final PhysicalLines lines;

    public JsonLinesReader(InputStream in) {
        this.lines = new PhysicalLines(in);
    }

    @Override
    public ExportEntry next() throws IOException, VerificationFailure {
        String text = lines.next();
        if (text == null) {
            return null;
        }
        long n = lines.number();
        if (text.isBlank()) {
            throw VerificationFailure.at(n, "empty line (every line of a JSON Lines export is a JSON object)");
        }
        FlatJsonObject.Read read = FlatJsonObject.readLine(text);
        Map<String, Object> fields = read != null ? read.fields() : readWithJackson(text, n);
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            String problem = problem(field.getValue());
            if (problem != null) {
                throw VerificationFailure.at(n, "field \"" + field.getKey() + "\" is " + problem
                        + " (the canonical form only knows strings, integers, booleans and null)");
            }
        }
        return new ExportEntry(n, fields, lines.terminated(), read != null ? read.hashedForm() : null);
    }

    /** Any line the fast reader leaves alone: Jackson's result, or its error, is the answer. */
    private Map<String, Object> readWithJackson(String text, long n) throws VerificationFailure {
        Object value;
        try {
            value = Jackson.JSON.readValue(text);
        } catch (JacksonException e) {
            throw VerificationFailure.at(n, "not valid JSON (" + describe(e) + ")"
                    + (lines.terminated() ? "" : "; the line is cut off: the export is truncated"));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw VerificationFailure.at(n, "not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) map;
        return fields;
    }

    private static String problem(Object value) {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Boolean) {
            return null;
        }
        if (value instanceof BigInteger) {
            return "an integer out of the 64-bit range";
        }
        if (value instanceof Number) {
            return "a number that is not an integer";
        }
        if (value instanceof Map) {
            return "a nested object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        message = message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
        JsonLocation location = e.getLocation();
        return location != null && location.getColumnNr() > 0
                ? "column " + location.getColumnNr() + ": " + message
                : message;
    }
}
