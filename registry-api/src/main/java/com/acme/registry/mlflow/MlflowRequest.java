package com.acme.registry.mlflow;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one MLflow call, read as MLflow's server reads them: a GET's from the query string, any other
 * method's from its JSON body (a DELETE's too). Unknown parameters are ignored, as newer clients send more; a
 * missing or mistyped one is refused with MLflow's message, naming it.
 */
final class MlflowRequest {

    private final HttpServletRequest http;
    private final JsonNode body;

    private MlflowRequest(HttpServletRequest http, JsonNode body) {
        this.http = http;
        this.body = body;
    }

    static MlflowRequest of(HttpServletRequest http, JsonNode body) {
        boolean get = "GET".equals(http.getMethod());
        if (!get && body != null && !body.isObject() && !body.isNull() && !body.isMissingNode()) {
            throw MlflowException.invalid("The request body must be a JSON object.");
        }
        return new MlflowRequest(http, get || body == null ? NullNode.getInstance() : body);
    }

    private boolean fromQuery() {
        return "GET".equals(http.getMethod());
    }

    String required(String name) {
        String value = optional(name);
        if (value == null || value.isEmpty()) {
            throw MlflowException.invalid("Missing value for required parameter '" + name + "'. See the API docs for "
                    + "more information about request parameters.");
        }
        return value;
    }

    String optional(String name) {
        if (fromQuery()) {
            return http.getParameter(name);
        }
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return value.asString();
        }
        throw MlflowException.invalid("Invalid value " + value + " for parameter '" + name + "' supplied: a string is "
                + "expected.");
    }

    /** A version number, given as a string ("3") as MLflow sends it, or as a number. */
    int version(String name) {
        String value = required(name);
        try {
            int version = Integer.parseInt(value.trim());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw MlflowException.invalid("Parameter '" + name + "' must be a version number (1 or more), got '"
                + value + "'.");
    }

    boolean flag(String name) {
        String value = optional(name);
        if (value == null) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw MlflowException.invalid("Parameter '" + name + "' must be true or false, got '" + value + "'.");
    }

    /** Every value of a repeated parameter (order_by, stages). */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        if (fromQuery()) {
            String[] given = http.getParameterValues(name);
            if (given != null) {
                values.addAll(List.of(given));
            }
            return values;
        }
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return values;
        }
        if (!value.isArray()) {
            throw MlflowException.invalid("Parameter '" + name + "' must be a list of strings.");
        }
        for (JsonNode item : value) {
            if (!item.isString()) {
                throw MlflowException.invalid("Parameter '" + name + "' must be a list of strings; got " + item + ".");
            }
            values.add(item.asString());
        }
        return values;
    }

    /** The {@code tags} list, {@code [{key, value}]}, in order; a repeated key keeps its last value. */
    Map<String, String> tags() {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode value = body.get("tags");
        if (value == null || value.isNull()) {
            return tags;
        }
        if (!value.isArray()) {
            throw MlflowException.invalid("Parameter 'tags' must be a list of {key, value} objects.");
        }
        for (JsonNode tag : value) {
            JsonNode key = tag.get("key");
            if (key == null || !key.isString() || key.asString().isEmpty()) {
                throw MlflowException.invalid("Every tag needs a 'key' string; got " + tag + ".");
            }
            JsonNode tagValue = tag.get("value");
            if (tagValue != null && !tagValue.isNull() && !tagValue.isValueNode()) {
                throw MlflowException.invalid("The value of tag '" + key.asString() + "' must be a string.");
            }
            tags.put(key.asString(), tagValue == null || tagValue.isNull() ? "" : tagValue.asString());
        }
        return tags;
    }

    Long maxResults() {
        String value = optional("max_results");
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw MlflowException.invalid("Parameter 'max_results' must be a whole number, got '" + value + "'.");
        }
    }
}
