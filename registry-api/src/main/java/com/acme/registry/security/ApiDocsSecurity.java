package com.acme.registry.security;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;
import com.acme.registry.identity.UserAccounts;

import com.acme.registry.audit.SecurityAudit;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The OpenAPI document and Swagger UI, for people (not READER). Without a Basic challenge a browser cannot be
 * asked for a password, so besides Basic and API tokens this chain accepts the web UI's session: sign in at
 * {@code /login}, then open {@code /swagger-ui.html}; its Authorize button sends Basic or Bearer on the API calls
 * it makes. Only reads are allowed here, so reading the session brings no CSRF exposure; it never creates one.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocsSecurity {

    static final String[] PATHS = {"/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**"};

    @Bean
    @Order(2) // after the web UI's chain, before the API's catch-all chain
    public SecurityFilterChain apiDocsSecurityChain(HttpSecurity http, ApiTokens tokens,
                                                    ProblemSecurityHandlers problems, SignInThrottle throttle,
                                                    UserAccounts accounts, SecurityAudit audit) throws Exception {
        http
                .securityMatcher(PATHS)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                // a Basic sign-in here lasts for its request: it must not replace a UI session's user
                .httpBasic(basic -> basic.authenticationEntryPoint(problems)
                        .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(cache -> cache.disable())
                .headers(Hsts::overHttps)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterAfter(new SessionFollowsAccount(accounts, audit), SecurityContextHolderFilter.class)
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, PATHS).hasAnyRole(Role.people())
                        .anyRequest().denyAll());
        return http.build();
    }
}
