package com.acme.registry.ui.model;

import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Which user-supplied URIs become links. Registration accepts any absolute URI (s3://, git@…, even javascript:),
 * so only http and https are ever put in an href; everything else is shown as text. Templates ask
 * {@code ${@links.href(uri)}}.
 */
@Component("links")
public class SafeLinks {

    /** The URI when it may be a link, otherwise null. */
    public static String hrefOf(String uri) {
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try {
            URI parsed = new URI(uri.strip());
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("https") || scheme.equals("http");
            return web && parsed.getHost() != null ? parsed.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public String href(String uri) {
        return hrefOf(uri);
    }
}
