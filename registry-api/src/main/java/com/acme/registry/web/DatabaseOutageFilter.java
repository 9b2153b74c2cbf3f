package com.acme.registry.web;

import com.acme.registry.axon.ProjectionPositions;
import com.acme.registry.web.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * A database outage that escapes a filter (an API token's lookup, anything before the controllers' own handling) is
 * answered 503 problem+json with {@code Retry-After}, not the container's 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

    private final JsonMapper json;

    public DatabaseOutageFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!DatabaseOutage.causedBy(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("Database unavailable: {}", ProjectionPositions.describe(e));
            write(json, request, response);
        }
    }

    /** Writes the 503 problem with {@code Retry-After}. */
    public static void write(JsonMapper json, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.resetBuffer();
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
        Problems.write(json, request, response, DatabaseOutage.problem());
    }
}
