package com.acme.registry.ui.promotion;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Which user-supplied URIs become links: only web addresses. Anything else (s3://, javascript:, data:) is shown
 * as text, so a crafted "validation report" cannot turn into an active link.
 */
public final class WebLinks {

    private static final Set<String> WEB = Set.of("http", "https");

    private WebLinks() {
    }

    public static boolean isWebLink(String uri) {
        if (uri == null || uri.isBlank()) {
            return false;
        }
        try {
            String scheme = new URI(uri).getScheme();
            return scheme != null && WEB.contains(scheme.toLowerCase(Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
