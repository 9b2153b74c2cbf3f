package com.acme.registry.security;

import jakarta.servlet.http.HttpServletRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** What a request's {@code Authorization} header claims, read without checking it; never the password. */
final class BasicCredentials {

    private BasicCredentials() {
    }

    static boolean present(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && !header.isBlank();
    }

    static boolean bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The user name an HTTP Basic header names (at most 200 characters), or null. */
    static String user(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.length() > 200 ? user.substring(0, 200) : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
