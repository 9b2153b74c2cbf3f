package com.acme.registry.ui.model;

/**
 * Shortens a label to what fits a width in an SVG drawing (SVG text does not wrap or clip); the full text goes in
 * the element's {@code <title>}. Widths are estimated from an average character width, enough for the system
 * sans-serif at the sizes the stylesheet sets.
 */
public final class TextFit {

    private TextFit() {
    }

    public static String fit(String text, double width, double characterWidth) {
        if (text == null) {
            return "";
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        int room = Math.max(1, (int) Math.floor(width / characterWidth));
        if (flat.codePointCount(0, flat.length()) <= room) {
            return flat;
        }
        int end = flat.offsetByCodePoints(0, Math.max(0, room - 1));
        return flat.substring(0, end) + "…";
    }
}
