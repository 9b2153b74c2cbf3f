package com.acme.registry.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The address people and clients reach the registry at ({@code registry.public-base-url}, REGISTRY_PUBLIC_BASE_URL),
 * e.g. {@code https://registry.example.com}. Absolute redirects and {@code Location} headers are built from it and
 * never from the request's {@code Host}; it is also the registry's own origin for the cross-site check. Unset, every
 * redirect stays relative and the own origin is the request's scheme, host and port.
 */
@Component
public class PublicBaseUrl {

    private final String base;
    private final String origin;

    public PublicBaseUrl(@Value("${registry.public-base-url:}") String configured) {
        if (configured == null || configured.isBlank()) {
            this.base = null;
            this.origin = null;
            return;
        }
        URI uri = parse(configured.trim());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String own = origin(uri.getScheme(), uri.getHost(), uri.getPort());
        this.origin = own;
        this.base = own + (path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    }

    private static URI parse(String configured) {
        try {
            URI uri = new URI(configured);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException(message(configured));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(message(configured), e);
        }
    }

    private static String message(String configured) {
        return "registry.public-base-url (REGISTRY_PUBLIC_BASE_URL) must be an absolute http(s) URL without query, "
                + "fragment or user, such as https://registry.example.com; got '" + configured + "'";
    }

    /** The base URL without a trailing slash, or "" when none is set (paths are then relative to the server). */
    public String value() {
        return base == null ? "" : base;
    }

    public boolean isSet() {
        return base != null;
    }

    /** {@code location} made absolute with the base URL when one is set and it is a path; otherwise unchanged. */
    public String absolute(String location) {
        if (base == null || location == null || !location.startsWith("/") || location.startsWith("//")) {
            return location;
        }
        return base + location;
    }

    /** The registry's own origin: the base URL's, else the request's own scheme, host and port. */
    public String ownOrigin(HttpServletRequest request) {
        return origin != null ? origin : origin(request.getScheme(), request.getServerName(), request.getServerPort());
    }

    /** An origin in one canonical form: lower-case scheme and host, the port only when it is not the default. */
    static String origin(String scheme, String host, int port) {
        String s = scheme.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        boolean defaultPort = port < 0 || (s.equals("https") && port == 443) || (s.equals("http") && port == 80);
        return s + "://" + h + (defaultPort ? "" : ":" + port);
    }

    /** An {@code Origin} header in that canonical form; empty when it is {@code null} or no origin at all. */
    public static Optional<String> canonical(String originHeader) {
        try {
            URI uri = new URI(originHeader.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(origin(uri.getScheme(), uri.getHost(), uri.getPort()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
