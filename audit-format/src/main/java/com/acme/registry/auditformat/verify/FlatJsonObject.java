package com.acme.registry.auditformat.verify;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one JSON object whose values are strings, integers (as Long), booleans or null — a line of a JSON Lines
 * export, a checkpoint — with jackson-core's streaming parser: strict JSON, a duplicate key refused, nothing after
 * the object. The members keep the text's order.
 */
final class FlatJsonObject {

    /** Why a text is not a flat JSON object; {@link #syntax()}: it is not JSON at all. */
    static final class Refused extends Exception {

        private final boolean syntax;

        private Refused(String message, boolean syntax) {
            super(message);
            this.syntax = syntax;
        }

        boolean syntax() {
            return syntax;
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private FlatJsonObject() {
    }

    /**
     * The object's members. The whole text is read first, so that invalid JSON anywhere is what is reported; then a
     * text that is not an object, then the first member whose value is not flat.
     */
    static Map<String, Object> read(String text) throws Refused {
        Map<String, Object> fields = new LinkedHashMap<>();
        String notFlat = null;
        boolean object;
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
            object = parser.nextToken() == JsonToken.START_OBJECT;
            if (object) {
                for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                    JsonToken token = parser.nextToken();
                    Object value = switch (token) {
                        case VALUE_STRING -> parser.getString();
                        case VALUE_NUMBER_INT -> longValue(parser);
                        case VALUE_TRUE -> Boolean.TRUE;
                        case VALUE_FALSE -> Boolean.FALSE;
                        default -> null;
                    };
                    if (notFlat == null && token != JsonToken.VALUE_NULL && value == null) {
                        notFlat = "field \"" + name + "\" is " + describe(token)
                                + " (the canonical form only knows strings, integers, booleans and null)";
                    }
                    parser.skipChildren();
                    fields.put(name, value);
                }
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new Refused(at(parser.currentLocation(), "trailing content after the JSON value"), true);
            }
        } catch (JacksonException e) {
            throw new Refused(at(e.getLocation(), firstLine(e.getOriginalMessage())), true);
        }
        if (!object) {
            throw new Refused("not a JSON object", false);
        }
        if (notFlat != null) {
            throw new Refused(notFlat, false);
        }
        return fields;
    }

    private static long longValue(JsonParser parser) throws Refused {
        JsonParser.NumberType type = parser.getNumberType();
        if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
            throw new Refused(at(parser.currentLocation(), "Numeric value (" + parser.getText()
                    + ") out of range of long"), true);
        }
        return parser.getLongValue();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "a nested object";
            case START_ARRAY -> "an array";
            case VALUE_NUMBER_FLOAT -> "a number that is not an integer";
            default -> "a " + token;
        };
    }

    private static String firstLine(String message) {
        return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
    }

    private static String at(TokenStreamLocation location, String message) {
        return location != null && location.getColumnNr() > 0 ? "column " + location.getColumnNr() + ": " + message
                : message;
    }
}
