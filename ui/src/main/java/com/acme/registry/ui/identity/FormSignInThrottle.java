package com.acme.registry.ui.identity;

import com.acme.registry.security.SignInThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Before the sign-in form's password is checked: a throttled user name or address gets the sign-in page again with
 * status 429, {@code Retry-After} and a message saying when to retry; the password is not checked.
 */
class FormSignInThrottle extends OncePerRequestFilter {

    /** Request attribute holding the seconds until the throttle ends, for the sign-in page. */
    static final String RETRY_AFTER = FormSignInThrottle.class.getName() + ".retryAfter";

    private final SignInThrottle throttle;

    FormSignInThrottle(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = request.getParameter("username");
        var throttled = throttle.check(request, user == null ? "" : user, "ui");
        if (throttled.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(429);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.get().retryAfterSeconds()));
        request.setAttribute(RETRY_AFTER, throttled.get().retryAfterSeconds());
        request.getRequestDispatcher("/login").forward(new HttpServletRequestWrapper(request) {
            @Override
            public String getMethod() {
                return "GET"; // render the sign-in page
            }
        }, response);
    }
}
