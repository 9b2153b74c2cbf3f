package com.acme.registry.security;

import com.acme.registry.identity.ApiTokenAuthentication;

import com.acme.registry.identity.ApiTokens;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates {@code Authorization: Bearer mrt_…} with an API token. Like HTTP Basic, it keeps the
 * authentication in the request, so that the asynchronous dispatch of a streamed answer (an audit export) is
 * still the token's and not refused half-way. A token whose owner is disabled is refused like a revoked one; a token
 * is granted only its effective roles, never a human role.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final SecurityContextRepository requestContexts = new RequestAttributeSecurityContextRepository();

    private final ApiTokens tokens;
    private final AuthenticationEntryPoint entryPoint;

    public ApiTokenAuthenticationFilter(ApiTokens tokens, AuthenticationEntryPoint entryPoint) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String secret = header.substring(BEARER.length()).trim();
        Optional<ApiTokens.Presented> token = secret.startsWith(ApiTokens.PREFIX) && secret.length() < 100
                ? tokens.findBySecret(secret) : Optional.empty();
        if (token.isEmpty() || !token.get().usableAt(Instant.now())) {
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response,
                    new BadCredentialsException("API token unknown, expired or revoked, or its owner disabled"));
            return;
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiTokenAuthentication(token.get()));
        SecurityContextHolder.setContext(context);
        requestContexts.saveContext(context, request, response);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
