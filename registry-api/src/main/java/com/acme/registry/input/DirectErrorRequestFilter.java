package com.acme.registry.input;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The error path ({@code /error}) renders failures forwarded to it; asked for directly it has no failure to
 * show and Spring Boot's controller answers 500. A direct request is a 404 problem+json. Error dispatches are
 * not filtered (OncePerRequestFilter skips them), so real failures still render as before.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class DirectErrorRequestFilter extends OncePerRequestFilter {

    private final String errorPath;

    DirectErrorRequestFilter(@Value("${server.error.path:/error}") String errorPath) {
        this.errorPath = errorPath;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals(errorPath) || path.startsWith(errorPath + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemJson.write(response, 404, "not-found", "Not found",
                "No resource at " + errorPath + "; it only shows failures of other requests.", errorPath);
    }
}
