package com.acme.registry.input;

import com.acme.registry.validation.FieldViolation;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A problem+json answer written by a filter or valve, outside Spring MVC (texts are fixed, not user input). */
final class ProblemJson {

    static final String CONTENT_TYPE = "application/problem+json";

    private ProblemJson() {
    }

    static String body(int status, String type, String title, String detail, String instance) {
        return body(status, type, title, detail, instance, null);
    }

    /** With {@code error}, an {@code errors} list of that one field and message, as for any invalid input. */
    static String body(int status, String type, String title, String detail, String instance,
                       FieldViolation error) {
        return "{\"type\":\"urn:model-registry:problem:" + type + "\",\"title\":" + quote(title)
                + ",\"status\":" + status + ",\"detail\":" + quote(detail)
                + (instance == null ? "" : ",\"instance\":" + quote(instance))
                + (error == null ? "" : ",\"errors\":[{\"field\":" + quote(error.field()) + ",\"message\":"
                + quote(error.message()) + "}]")
                + "}";
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail,
                      String instance) throws IOException {
        write(response, status, type, title, detail, instance, null);
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail,
                      String instance, FieldViolation error) throws IOException {
        byte[] bytes = body(status, type, title, detail, instance, error).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    /** A JSON string; anything but printable ASCII is escaped, so a path cannot break the answer. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
