package com.acme.registry.ui.model;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The read models keep evidence as JSON; templates get plain, sorted Java values instead. */
final class JsonViews {

    private JsonViews() {
    }

    /** A JSON object of numbers (metrics) as a map sorted by name. */
    static Map<String, Double> numbers(JsonNode object) {
        Map<String, Double> numbers = new TreeMap<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    numbers.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return numbers;
    }

    /** A JSON object of strings (params, tags) as a map sorted by key. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> strings = new TreeMap<>();
        if (object != null && object.isObject()) {
            object.properties().forEach(e -> strings.put(e.getKey(), scalar(e.getValue())));
        }
        return strings;
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(elements::add);
        }
        return elements;
    }

    /** A field's text; null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : scalar(value);
    }

    private static String scalar(JsonNode value) {
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
