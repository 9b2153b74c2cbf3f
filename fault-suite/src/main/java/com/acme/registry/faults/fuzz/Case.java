package com.acme.registry.faults.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One fuzzed request.
 *
 * @param kind       the mutation's class, e.g. {@code nul-in-string}, {@code float-for-int}, {@code path-segment}
 * @param field      where: a JSON path ({@code datasets[0].name}), {@code path:{model}}, {@code query:asOf}, {@code body}
 * @param body       the bytes sent, or null for none
 * @param mustRefuse the request is invalid by the API's contract: any 2xx is a finding
 */
public record Case(Endpoint endpoint, String kind, String field, String method, String path,
                   Map<String, String> headers, byte[] body, boolean mustRefuse) {

    /** Mutations whose strings reach the store when accepted: a 2xx is followed by a check that nothing stalled. */
    public boolean stringy() {
        return kind.contains("string") || kind.contains("key") || kind.startsWith("nul") || kind.contains("control");
    }

    public String endpointLabel() {
        return endpoint == null ? "GET " + path.replaceAll("\\?.*", "") : endpoint.label();
    }

    /** The body as readable text: control characters and bytes that are not UTF-8 escaped, abbreviated. */
    public String bodyPreview(int max) {
        if (body == null) {
            return "(no body)";
        }
        String text = new String(body, 0, Math.min(body.length, max * 2), StandardCharsets.UTF_8);
        StringBuilder s = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || cp == 0xfffd || (cp >= 0xd800 && cp <= 0xdfff)) {
                s.append(String.format("\\x{%x}", cp));
            } else {
                s.appendCodePoint(cp);
            }
        });
        String preview = s.length() > max ? s.substring(0, max) + "…" : s.toString();
        return preview + (body.length > max ? " (" + body.length + " bytes)" : "");
    }
}
