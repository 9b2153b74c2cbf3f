package com.acme.registry.security;

import org.springframework.security.config.annotation.web.HttpSecurityBuilder;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * Strict-Transport-Security on every answer to a request that came over HTTPS (directly, or through a trusted
 * proxy that said so in X-Forwarded-Proto): one year, sub-domains included. Never over plain HTTP, where a browser
 * would ignore it anyway. Used by every security chain (API, API documentation, web UI).
 */
public final class Hsts {

    public static final long MAX_AGE_SECONDS = 365L * 24 * 60 * 60;

    private Hsts() {
    }

    /** Spring Security's HSTS writer, which writes only when {@code request.isSecure()}. */
    public static <H extends HttpSecurityBuilder<H>> void overHttps(HeadersConfigurer<H> headers) {
        headers.httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(MAX_AGE_SECONDS).includeSubDomains(true));
    }
}
