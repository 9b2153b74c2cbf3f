package com.acme.registry.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Before HTTP Basic checks a password (a bcrypt): a throttled user name or address is answered 429 at once, so that
 * neither guessing nor the right password gets through during the throttle. API tokens pass on to their own check
 * (a failed one is throttled by address in {@link ProblemSecurityHandlers}).
 */
class SignInThrottleFilter extends OncePerRequestFilter {

    private final SignInThrottle throttle;
    private final ProblemSecurityHandlers problems;

    SignInThrottleFilter(SignInThrottle throttle, ProblemSecurityHandlers problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BasicCredentials.present(request) && !BasicCredentials.bearer(request)) {
            var throttled = throttle.check(request, BasicCredentials.user(request), null);
            if (throttled.isPresent()) {
                problems.throttled(request, response, throttled.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
