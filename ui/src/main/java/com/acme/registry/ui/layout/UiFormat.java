package com.acme.registry.ui.layout;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.SerializationFeature;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formatting for templates, as {@code ${@fmt.when(x)}}: times in UTC, as the audit trail keeps them. */
@Component("fmt")
public class UiFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
            .withZone(ZoneOffset.UTC);

    private final JsonMapper json;

    public UiFormat(JsonMapper json) {
        this.json = json;
    }

    public String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }

    /** The value of a {@code datetime-local} input. */
    public String input(Instant instant) {
        return instant == null ? "" : INPUT.format(instant);
    }

    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** "3 days ago", for how long something has waited. */
    public String age(Instant instant) {
        if (instant == null) {
            return "";
        }
        Duration age = Duration.between(instant, Instant.now());
        if (age.toDays() >= 1) {
            return age.toDays() + (age.toDays() == 1 ? " day" : " days");
        }
        if (age.toHours() >= 1) {
            return age.toHours() + (age.toHours() == 1 ? " hour" : " hours");
        }
        return Math.max(1, age.toMinutes()) + " min";
    }

    public String json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return json.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    }

    /** A JSON scalar as text; objects and arrays as compact JSON. */
    public String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isValueNode() ? node.asString() : json.writeValueAsString(node);
    }

    /** A long digest shortened for tables; the full value goes in a title attribute. */
    public String shortDigest(String digest) {
        if (digest == null) {
            return "";
        }
        int colon = digest.indexOf(':');
        String hex = colon < 0 ? digest : digest.substring(colon + 1);
        return (colon < 0 ? "" : digest.substring(0, colon + 1)) + (hex.length() > 12 ? hex.substring(0, 12) + "…" : hex);
    }
}
