package com.acme.registry.input;

import com.acme.registry.validation.FieldViolation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Locale;

/**
 * Parameters that cannot be read (percent-encoded bytes that are no UTF-8, such as {@code ?asOf=%FF}, or a form
 * body over Tomcat's limit) make Tomcat throw from the first {@code getParameter…} call, wherever that is: in a
 * security filter, in Spring MVC's handler mapping (a mapping with a {@code params} condition) or in a controller —
 * answered 500 before. They are read here, before any of those, and refused with a 400 naming {@code parameters}.
 * Multipart uploads are left to their controller (their parts are read there, under their own size limit).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2) // after the correlation id and the body limit, before security
public class UnreadableParametersFilter extends OncePerRequestFilter {

    static final String MESSAGE = "cannot be read: percent-encoded bytes must form UTF-8 text, and a form must "
            + "stay within the request size limit";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        } catch (IllegalStateException unreadable) { // Tomcat's InvalidParameterException
            ProblemJson.write(response, 400, "invalid-input", "Invalid input",
                    "The request's parameters " + MESSAGE + "; nothing was changed.", request.getRequestURI(),
                    new FieldViolation("parameters", MESSAGE));
            return;
        }
        chain.doFilter(request, response);
    }
}
