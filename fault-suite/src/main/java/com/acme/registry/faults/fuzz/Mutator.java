package com.acme.registry.faults.fuzz;

import com.acme.registry.faults.Api;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns valid requests into hostile ones: wrong types, floats for integers, numbers as strings, NaN, huge numbers,
 * duplicate keys, missing and extra fields, deep nesting, NUL and other control characters and unpaired surrogates in
 * strings and map keys, very long and multi-byte strings, bytes that are not UTF-8, empty and garbage bodies, wrong
 * content types, oversized bodies, hostile path segments, query parameters and headers. Deterministic per seed.
 */
final class Mutator {

    private static final String RAW = "RAW-7f3c9e";
    private static final Set<String> MAPS = Set.of("tags", "metrics", "params");
    private static final Map<String, String> JSON_TYPE = Map.of("Content-Type", "application/json");
    private static final int OVERSIZED = 3 * 1024 * 1024;
    private static final List<String> SEGMENTS = List.of("x%00y", "%00", "..", "%2e%2e", "9999999999", "-1", "1.5", "0",
            "%C3%28", "%FF", "a".repeat(3_000), "%F0%9F%92%A9", "a%2Fb", "%20", "null", "x%0d%0aX-Injected:%201",
            "\u00e9", "%E2%80%AE", "NaN", "1e3", "%5C", ";x=1", "%25");
    private static final List<String> QUERY_VALUES = List.of("-1", "abc", "1.5", "99999999999999999999", "NaN",
            "%00", "2026-13-45", "9999-12-31T00:00:00Z", "2026-12-01", "x".repeat(5_000), "%FF", "true", "",
            "%E2%80%AE", "0", "2147483648", "1e400", "%C3%28", "Infinity", "HIGH%00", "a:b:c", "%3A");

    private final SplittableRandom random;
    private final List<Endpoint> endpoints;
    private final Endpoint rebuild;
    private final Map<String, String> variables;

    Mutator(long seed, List<Endpoint> endpoints, Map<String, String> variables) {
        this.random = new SplittableRandom(seed);
        this.endpoints = endpoints.stream().filter(e -> !e.template().endsWith("/rebuild")).toList();
        this.rebuild = endpoints.stream().filter(e -> e.template().endsWith("/rebuild")).findFirst().orElseThrow();
        this.variables = variables;
    }

    /** A NUL in every string and map key of every endpoint's valid body, one case each. */
    List<Case> nulSweep(int n) {
        List<Case> cases = new ArrayList<>();
        for (Endpoint e : endpoints) {
            if (!e.takesBody()) {
                continue;
            }
            for (Slot slot : slots(e.body().apply(n), "")) {
                ObjectNode base = e.body().apply(n++); // a fresh name in each: a name taken would be a 409
                if (slot.value().isTextual()) {
                    ObjectNode body = base.deepCopy();
                    slot.in(body).set(TextNode.valueOf("a\u0000b" + slot.value().asText()));
                    cases.add(bodyCase(e, "nul-in-string", slot.path(), write(body), !free(e, slot)));
                }
                if (slot.value().isObject() && MAPS.contains(slot.name())) {
                    ObjectNode body = base.deepCopy();
                    ObjectNode map = (ObjectNode) slot.in(body).get();
                    map.set("k\u0000ey", map.elements().hasNext() ? map.elements().next().deepCopy()
                            : TextNode.valueOf("v"));
                    cases.add(bodyCase(e, "nul-in-map-key", slot.path() + " (key)", write(body), true));
                }
            }
        }
        return cases;
    }

    Case next(int n) {
        double d = random.nextDouble();
        if (d < 0.08) {
            return query();
        }
        Endpoint e = random.nextInt(200) == 0 ? rebuild : endpoints.get(random.nextInt(endpoints.size()));
        if (d < 0.18) {
            return path(e, n);
        }
        if (d < 0.21) {
            return header(n);
        }
        if (d < 0.34 || !e.takesBody()) {
            return bodyLevel(e, n);
        }
        return field(e, n);
    }

    private Case query() {
        String[] q = Bodies.queries().get(random.nextInt(Bodies.queries().size()));
        String name = q[1 + random.nextInt(q.length - 1)];
        String value = QUERY_VALUES.get(random.nextInt(QUERY_VALUES.size()));
        return new Case(null, "query-parameter", "query:" + name, "GET", q[0] + "?" + name + "=" + value, Map.of(),
                null, false);
    }

    private Case path(Endpoint e, int n) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(e.template());
        while (m.find()) {
            names.add(m.group(1));
        }
        if (names.isEmpty()) {
            return bodyLevel(e, n);
        }
        String variable = names.get(random.nextInt(names.size()));
        String segment = SEGMENTS.get(random.nextInt(SEGMENTS.size()));
        String path = resolve(e.template().replace("{" + variable + "}", segment));
        byte[] body = e.takesBody() ? write(e.body().apply(n)) : null;
        return new Case(e, "path-segment", "path:{" + variable + "}", e.method(), path, headers(e, body != null),
                body, false);
    }

    private Case header(int n) {
        Endpoint e = endpoints.stream().filter(Endpoint::idempotencyKey).findFirst().orElseThrow();
        Map<String, String> headers = new LinkedHashMap<>(JSON_TYPE);
        String kind;
        switch (random.nextInt(5)) {
            case 0 -> {
                headers.put("Idempotency-Key", "k".repeat(201));
                kind = "idempotency-key-too-long";
            }
            case 1 -> {
                headers.put("Idempotency-Key", " ");
                kind = "idempotency-key-blank";
            }
            case 2 -> {
                headers.put("Idempotency-Key", "cl\u00e9-" + n); // one ISO-8859-1 byte on the wire
                kind = "idempotency-key-latin1";
            }
            case 3 -> {
                headers.put("X-Padding", "p".repeat(10_000));
                kind = "header-10kb";
            }
            default -> {
                headers.put("Idempotency-Key", "key\twith-tab-" + n);
                kind = "idempotency-key-tab";
            }
        }
        return new Case(e, kind, "header", e.method(), resolve(e.template()), headers, write(e.body().apply(n)),
                kind.startsWith("idempotency-key-too") || kind.equals("idempotency-key-blank"));
    }

    private Case bodyLevel(Endpoint e, int n) {
        boolean strict = e.takesBody();
        ObjectNode base = strict ? e.body().apply(n) : Bodies.of("x", 1);
        byte[] valid = write(base);
        String text = new String(valid, StandardCharsets.UTF_8);
        int pick = random.nextInt(19);
        return switch (pick) {
            case 0 -> new Case(e, "empty-body", "body", e.method(), resolve(e.template()), JSON_TYPE, new byte[0],
                    strict);
            case 1 -> {
                byte[] garbage = new byte[1 + random.nextInt(200)];
                random.nextBytes(garbage);
                yield bodyCase(e, "garbage-bytes", "body", garbage, strict);
            }
            case 2 -> bodyCase(e, "top-level-array", "body", "[]".getBytes(StandardCharsets.UTF_8), strict);
            case 3 -> bodyCase(e, "top-level-string", "body", "\"x\"".getBytes(StandardCharsets.UTF_8), strict);
            case 4 -> bodyCase(e, "top-level-null", "body", "null".getBytes(StandardCharsets.UTF_8), strict);
            case 5 -> bodyCase(e, "truncated-json", "body", text.substring(0, text.length() / 2)
                    .getBytes(StandardCharsets.UTF_8), strict);
            case 6 -> new Case(e, "content-type-text-plain", "body", e.method(), resolve(e.template()),
                    Map.of("Content-Type", "text/plain"), valid, strict);
            case 7 -> new Case(e, "content-type-missing", "body", e.method(), resolve(e.template()), Map.of(), valid,
                    strict);
            case 8 -> new Case(e, "content-type-xml", "body", e.method(), resolve(e.template()),
                    Map.of("Content-Type", "application/xml"), valid, strict);
            case 9 -> new Case(e, "content-type-utf16", "body", e.method(), resolve(e.template()),
                    Map.of("Content-Type", "application/json; charset=UTF-16"), valid, false);
            case 10 -> bodyCase(e, "byte-order-mark", "body", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                    valid), false);
            case 11 -> bodyCase(e, "oversized-body-3mb", "body", oversized(base), strict);
            case 12 -> bodyCase(e, "deep-nesting-body", "body", ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000))
                    .getBytes(StandardCharsets.UTF_8), strict);
            case 13 -> bodyCase(e, "trailing-garbage", "body", (text + "xyz").getBytes(StandardCharsets.UTF_8), strict);
            case 14 -> bodyCase(e, "json-comment", "body", ("/* c */" + text).getBytes(StandardCharsets.UTF_8), strict);
            case 15 -> bodyCase(e, "single-quotes", "body", text.replace('"', '\'').getBytes(StandardCharsets.UTF_8),
                    strict);
            case 16 -> bodyCase(e, "duplicate-key", "body", duplicateKey(base), strict);
            case 17 -> bodyCase(e, "top-level-number", "body", "1".getBytes(StandardCharsets.UTF_8), strict);
            default -> bodyCase(e, "raw-control-byte", "body", text.replaceFirst(":\"", ":\"\u0001")
                    .getBytes(StandardCharsets.UTF_8), strict && text.contains(":\""));
        };
    }

    private Case field(Endpoint e, int n) {
        ObjectNode body = e.body().apply(n);
        List<Slot> slots = slots(body, "");
        Slot slot = slots.get(random.nextInt(slots.size()));
        boolean top = !slot.path().contains(".") && !slot.path().contains("[");
        boolean required = top && e.required().contains(slot.name());
        JsonNode v = slot.value();
        Ref ref = slot.in(body);
        String kind;
        boolean refuse = true;
        String raw = null;
        byte[] rawBytes = null;
        if (v.isTextual()) {
            boolean free = free(e, slot);
            switch (random.nextInt(16)) {
                case 0, 1 -> {
                    kind = "nul-in-string";
                    ref.set(TextNode.valueOf(v.asText() + "\u0000x"));
                    refuse = !free;
                }
                case 2 -> {
                    kind = "control-in-string";
                    ref.set(TextNode.valueOf("a\u001b[31mb\u0007" + v.asText()));
                    refuse = !free;
                }
                case 3 -> {
                    kind = "unpaired-surrogate-in-string";
                    raw = "\"" + v.asText() + "\\ud800x\"";
                    refuse = !free;
                }
                case 4 -> {
                    kind = "invalid-utf8-in-string";
                    rawBytes = concat(concat("\"a".getBytes(StandardCharsets.UTF_8),
                            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}), "b\"".getBytes(StandardCharsets.UTF_8));
                }
                case 5 -> {
                    kind = "long-string-100k";
                    ref.set(TextNode.valueOf("x".repeat(100_000)));
                    refuse = false;
                }
                case 6 -> {
                    kind = "multibyte-string-at-limit";
                    int[] limits = {63, 64, 100, 200, 255, 256};
                    ref.set(TextNode.valueOf("\uD83D\uDE00".repeat(limits[random.nextInt(limits.length)] / 2 + 1)));
                    refuse = false;
                }
                case 7 -> {
                    kind = "multibyte-string-over-limit";
                    ref.set(TextNode.valueOf("\u00e9".repeat(200 + random.nextInt(120))));
                    refuse = false;
                }
                case 8 -> {
                    kind = "bidi-zero-width-string";
                    ref.set(TextNode.valueOf("\u202e" + v.asText() + "\u200b"));
                    refuse = false;
                }
                case 9 -> {
                    kind = "empty-string";
                    ref.set(TextNode.valueOf(""));
                    refuse = false;
                }
                case 10 -> {
                    kind = "number-for-string";
                    ref.set(JsonNodeFactory.instance.numberNode(123));
                }
                case 11 -> {
                    kind = "boolean-for-string";
                    ref.set(JsonNodeFactory.instance.booleanNode(true));
                }
                case 12 -> {
                    kind = "object-for-string";
                    ref.set(Api.JSON.createObjectNode().put("a", "b"));
                }
                case 13 -> {
                    kind = "array-for-string";
                    ref.set(Api.JSON.createArrayNode().add(v.asText()));
                }
                case 14 -> {
                    kind = "tab-newline-in-string";
                    ref.set(TextNode.valueOf(v.asText() + "\tand\nmore"));
                    refuse = false;
                }
                default -> {
                    kind = "control-c1-del-in-string";
                    ref.set(TextNode.valueOf(v.asText() + "\u007f\u0085"));
                    refuse = !free;
                }
            }
        } else if (v.isIntegralNumber()) {
            boolean isLong = slot.name().equals("artifactSizeBytes");
            switch (random.nextInt(12)) {
                case 0 -> {
                    kind = "float-for-int";
                    raw = v.asText() + ".5";
                }
                case 1 -> {
                    kind = "string-for-number";
                    ref.set(TextNode.valueOf(v.asText()));
                }
                case 2 -> {
                    kind = "int-overflow";
                    raw = "2147483648";
                    refuse = !isLong;
                }
                case 3 -> {
                    kind = "long-overflow";
                    raw = "9223372036854775808";
                }
                case 4 -> {
                    kind = "huge-exponent";
                    raw = "1e400";
                }
                case 5 -> {
                    kind = "nan";
                    raw = random.nextBoolean() ? "NaN" : "Infinity";
                }
                case 6 -> {
                    kind = "negative-number";
                    raw = "-" + v.asText();
                    refuse = false;
                }
                case 7 -> {
                    kind = "zero";
                    raw = "0";
                    refuse = false;
                }
                case 8 -> {
                    kind = "boolean-for-number";
                    ref.set(JsonNodeFactory.instance.booleanNode(true));
                }
                case 9 -> {
                    kind = "exponent-notation-int";
                    raw = v.asText() + "e0";
                    refuse = false;
                }
                case 10 -> {
                    kind = "array-for-number";
                    ref.set(Api.JSON.createArrayNode().add(v.asInt()));
                }
                default -> {
                    kind = "float-x.0-for-int";
                    raw = v.asText() + ".0";
                    refuse = false;
                }
            }
        } else if (v.isNumber()) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    kind = "string-for-number";
                    ref.set(TextNode.valueOf(v.asText()));
                }
                case 1 -> {
                    kind = "nan";
                    raw = random.nextBoolean() ? "NaN" : "-Infinity";
                }
                case 2 -> {
                    kind = "huge-exponent";
                    raw = "1e400";
                }
                case 3 -> {
                    kind = "boolean-for-number";
                    ref.set(JsonNodeFactory.instance.booleanNode(false));
                }
                default -> {
                    kind = "object-for-number";
                    ref.set(Api.JSON.createObjectNode());
                }
            }
        } else if (v.isBoolean()) {
            switch (random.nextInt(3)) {
                case 0 -> {
                    kind = "string-for-boolean";
                    ref.set(TextNode.valueOf(v.asText()));
                }
                case 1 -> {
                    kind = "number-for-boolean";
                    ref.set(JsonNodeFactory.instance.numberNode(1));
                }
                default -> {
                    kind = "null-for-boolean";
                    ref.set(JsonNodeFactory.instance.nullNode());
                    refuse = required;
                }
            }
        } else if (v.isObject()) {
            boolean map = MAPS.contains(slot.name());
            switch (random.nextInt(map ? 8 : 5)) {
                case 0 -> {
                    kind = "array-for-object";
                    ref.set(Api.JSON.createArrayNode().add(1));
                }
                case 1 -> {
                    kind = "string-for-object";
                    ref.set(TextNode.valueOf("x"));
                }
                case 2 -> {
                    kind = "deep-nesting-value";
                    raw = "[".repeat(5_000) + "]".repeat(5_000);
                }
                case 3 -> {
                    kind = "empty-object";
                    ref.set(Api.JSON.createObjectNode());
                    refuse = false;
                }
                case 4 -> {
                    kind = "extra-field-nested";
                    ObjectNode copy = v.deepCopy();
                    copy.put("unexpected", 1);
                    ref.set(copy);
                    refuse = false;
                }
                case 5 -> {
                    kind = "nul-in-map-key";
                    ObjectNode copy = v.deepCopy();
                    copy.set("k\u0000" + random.nextInt(100), v.elements().next().deepCopy());
                    ref.set(copy);
                }
                case 6 -> {
                    kind = "control-in-map-key";
                    ObjectNode copy = v.deepCopy();
                    copy.set("k\u001b" + random.nextInt(100), v.elements().next().deepCopy());
                    ref.set(copy);
                }
                default -> {
                    kind = "wrong-type-map-value";
                    ObjectNode copy = v.deepCopy();
                    JsonNode first = v.elements().next();
                    copy.set("wrong", first.isNumber() ? TextNode.valueOf("0.5") : Api.JSON.createObjectNode());
                    ref.set(copy);
                }
            }
        } else if (v.isArray()) {
            boolean strings = v.size() > 0 && v.get(0).isTextual();
            switch (random.nextInt(6)) {
                case 0 -> {
                    kind = "object-for-array";
                    ref.set(Api.JSON.createObjectNode());
                }
                case 1 -> {
                    kind = "string-for-array";
                    ref.set(TextNode.valueOf(v.size() > 0 ? v.get(0).asText() : "x"));
                }
                case 2 -> {
                    kind = "number-in-array";
                    ArrayNode copy = v.deepCopy();
                    copy.add(1);
                    ref.set(copy);
                }
                case 3 -> {
                    kind = "null-in-array";
                    ArrayNode copy = v.deepCopy();
                    copy.addNull();
                    ref.set(copy);
                }
                case 4 -> {
                    kind = "huge-array-10k";
                    ArrayNode copy = Api.JSON.createArrayNode();
                    for (int i = 0; i < 10_000; i++) {
                        copy.add(v.size() > 0 ? v.get(0).deepCopy() : TextNode.valueOf("x"));
                    }
                    ref.set(copy);
                    refuse = false;
                }
                default -> {
                    kind = strings ? "unknown-value-in-array" : "empty-array";
                    ArrayNode copy = strings ? v.deepCopy() : Api.JSON.createArrayNode();
                    if (strings) {
                        copy.add("NOT_A_ROLE_" + random.nextInt(10));
                    }
                    ref.set(copy);
                    refuse = strings && slot.name().equals("roles");
                }
            }
        } else {
            kind = "other";
            refuse = false;
        }
        if (random.nextInt(10) == 0) { // structural: the field missing, null or doubled
            int s = random.nextInt(3);
            body = e.body().apply(n);
            ref = slots(body, "").stream().filter(x -> x.path().equals(slot.path())).findFirst().orElseThrow().in(body);
            raw = null;
            rawBytes = null;
            if (s == 0) {
                kind = "missing-field";
                ref.remove();
                refuse = required;
            } else if (s == 1) {
                kind = "null-field";
                ref.set(JsonNodeFactory.instance.nullNode());
                refuse = required;
            } else {
                kind = "extra-field";
                body.put("unexpectedField" + random.nextInt(10), "x");
                refuse = false;
            }
        }
        byte[] bytes;
        if (raw != null || rawBytes != null) {
            ref.set(TextNode.valueOf(RAW));
            bytes = replace(write(body), ("\"" + RAW + "\"").getBytes(StandardCharsets.UTF_8),
                    rawBytes != null ? rawBytes : raw.getBytes(StandardCharsets.UTF_8));
        } else {
            bytes = write(body);
        }
        return bodyCase(e, kind, slot.path(), bytes, refuse);
    }

    private Case bodyCase(Endpoint e, String kind, String field, byte[] body, boolean refuse) {
        return new Case(e, kind, field, e.method(), resolve(e.template()), headers(e, true), body, refuse);
    }

    private Map<String, String> headers(Endpoint e, boolean json) {
        Map<String, String> h = new LinkedHashMap<>();
        if (json) {
            h.put("Content-Type", "application/json");
        }
        if (e.idempotencyKey()) {
            h.put("Idempotency-Key", "fuzz-" + Long.toHexString(random.nextLong()));
        }
        return h;
    }

    String resolve(String template) {
        String path = template;
        for (Map.Entry<String, String> v : variables.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        return path;
    }

    private static boolean free(Endpoint e, Slot slot) {
        return e.free().contains(slot.path());
    }

    private byte[] oversized(ObjectNode base) {
        ObjectNode copy = base.deepCopy();
        Iterator<String> names = copy.fieldNames();
        String target = names.hasNext() ? names.next() : "x";
        for (Iterator<String> it = copy.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (copy.get(f).isTextual()) {
                target = f;
            }
        }
        copy.put(target, "x".repeat(OVERSIZED));
        return write(copy);
    }

    private static byte[] duplicateKey(ObjectNode base) {
        String first = base.fieldNames().hasNext() ? base.fieldNames().next() : "x";
        JsonNode value = base.get(first);
        JsonNode other = value == null ? TextNode.valueOf("dup") : value.isTextual()
                ? TextNode.valueOf(value.asText() + "-dup") : value.isInt()
                ? JsonNodeFactory.instance.numberNode(value.asInt() + 1) : value;
        String rest = new String(write(base), StandardCharsets.UTF_8).substring(1);
        return ("{\"" + first + "\":" + new String(write(other), StandardCharsets.UTF_8) + (rest.equals("}") ? "" : ",")
                + rest).getBytes(StandardCharsets.UTF_8);
    }

    /** A place in a body: its path, the name it has in its parent, the value; resolvable in a copy of the body. */
    record Slot(String path, String name, JsonNode value, List<Object> steps) {

        Ref in(ObjectNode body) {
            JsonNode parent = body;
            for (int i = 0; i < steps.size() - 1; i++) {
                Object step = steps.get(i);
                parent = step instanceof Integer idx ? parent.get(idx) : parent.get((String) step);
            }
            return new Ref(parent, steps.get(steps.size() - 1));
        }
    }

    /** A settable place: a field of an object or an element of an array. */
    record Ref(JsonNode parent, Object step) {

        void set(JsonNode value) {
            if (step instanceof Integer idx) {
                ((ArrayNode) parent).set(idx, value);
            } else {
                ((ObjectNode) parent).set((String) step, value);
            }
        }

        JsonNode get() {
            return step instanceof Integer idx ? parent.get(idx) : parent.get((String) step);
        }

        void remove() {
            if (step instanceof Integer idx) {
                ((ArrayNode) parent).remove(idx);
            } else {
                ((ObjectNode) parent).remove((String) step);
            }
        }
    }

    static List<Slot> slots(JsonNode node, String prefix) {
        List<Slot> slots = new ArrayList<>();
        collect(node, prefix, new ArrayList<>(), slots);
        return slots;
    }

    private static void collect(JsonNode node, String prefix, List<Object> steps, List<Slot> slots) {
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                List<Object> next = new ArrayList<>(steps);
                next.add(name);
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                slots.add(new Slot(path, name, node.get(name), next));
                collect(node.get(name), path, next, slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(steps);
                next.add(i);
                String path = prefix + "[" + i + "]";
                String name = steps.isEmpty() ? "" : String.valueOf(steps.get(steps.size() - 1));
                slots.add(new Slot(path, name, node.get(i), next));
                collect(node.get(i), path, next, slots);
            }
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return Api.JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = new byte[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] replace(byte[] text, byte[] marker, byte[] with) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + with.length);
        outer:
        for (int i = 0; i < text.length; i++) {
            if (i <= text.length - marker.length) {
                for (int j = 0; j < marker.length; j++) {
                    if (text[i + j] != marker[j]) {
                        out.write(text[i]);
                        continue outer;
                    }
                }
                out.writeBytes(with);
                i += marker.length - 1;
            } else {
                out.write(text[i]);
            }
        }
        return out.toByteArray();
    }
}
