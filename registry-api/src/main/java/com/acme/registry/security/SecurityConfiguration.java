package com.acme.registry.security;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;

import com.acme.registry.audit.SecurityAudit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

import static com.acme.registry.identity.Role.ADMIN;
import static com.acme.registry.identity.Role.COMPLIANCE;
import static com.acme.registry.identity.Role.ML_ENGINEER;
import static com.acme.registry.identity.Role.RISK_REVIEWER;

/**
 * Every endpoint has an explicit rule; anything not listed is refused. People use HTTP Basic, machines
 * API tokens. The API is stateless: no session. No Basic challenge is ever sent, so browsers never prompt for and
 * cache a password; state-changing requests from other sites are refused by
 * {@link com.acme.registry.browser.CrossSiteRequestFilter}. READER (serving systems) reads serving state, models,
 * versions and lineage only. The OpenAPI document and Swagger UI have their own chain ({@link ApiDocsSecurity}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /**
     * bcrypt with {@code registry.security.bcrypt-strength} (log2 rounds, 10 by default, as Spring's). A stored hash
     * carries its own strength, so a change applies to passwords set from then on.
     */
    @Bean
    public PasswordEncoder passwordEncoder(@Value("${registry.security.bcrypt-strength:10}") int strength) {
        if (strength < 4 || strength > 31) {
            throw new IllegalStateException("registry.security.bcrypt-strength must be between 4 and 31, not "
                    + strength);
        }
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    public ProblemSecurityHandlers problemSecurityHandlers(JsonMapper json, SecurityAudit audit,
                                                           SignInThrottle throttle) {
        return new ProblemSecurityHandlers(json, audit, throttle);
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems,
                                           SignInThrottle throttle) throws Exception {
        http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("model-registry").authenticationEntryPoint(problems))
                .headers(Hsts::overHttps)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, problems), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/public-key").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit", "/api/v1/audit/verification",
                                "/api/v1/audit/export").hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/audit/checkpoints", "/api/v1/audit/checkpoints/*")
                                .hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/audit/checkpoints",
                                "/api/v1/audit/verification/checkpoint").hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers("/api/v1/admin/**").hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/models", "/api/v1/models/*/retirement",
                                "/api/v1/models/*/versions", "/api/v1/models/*/versions/*/archival",
                                "/api/v1/models/*/versions/*/evidence",
                                "/api/v1/models/*/promotions", "/api/v1/models/*/environments/*/rollout",
                                "/api/v1/models/*/environments/*/rollout/traffic",
                                "/api/v1/models/*/environments/*/rollout/completion",
                                "/api/v1/models/*/environments/*/rollout/abort",
                                "/api/v1/models/*/environments/*/rollback")
                        .hasRole(ML_ENGINEER.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/models/*/promotions/*/approvals",
                                "/api/v1/models/*/promotions/*/rejection",
                                "/api/v1/models/*/rollbacks/*/acknowledgement")
                        .hasRole(RISK_REVIEWER.name())
                        // what serving and decisioning systems need: READER tokens too
                        .requestMatchers(HttpMethod.GET, "/api/v1/models", "/api/v1/models/*",
                                "/api/v1/models/*/versions", "/api/v1/models/*/versions/*",
                                "/api/v1/models/*/environments", "/api/v1/models/*/environments/*",
                                "/api/v1/environments").authenticated()
                        .requestMatchers(HttpMethod.GET, "/api/v1/models/*/versions/*/lineage",
                                "/api/v1/lineage/datasets/*").authenticated()
                        // governance (requests, justifications, the queue, rollbacks): people's roles, not READER
                        .requestMatchers(HttpMethod.GET, "/api/v1/models/*/promotions", "/api/v1/models/*/promotions/*",
                                "/api/v1/models/*/rollbacks", "/api/v1/reviews", "/api/v1/rollbacks")
                        .hasAnyRole(Role.people())
                        .requestMatchers(HttpMethod.GET, "/api/v1/compliance/inventory", "/api/v1/compliance/releases",
                                "/api/v1/compliance/models/*/history").hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/me").authenticated()
                        .requestMatchers(HttpMethod.GET, "/actuator/**").hasRole(ADMIN.name())
                        .anyRequest().denyAll());
        return http.build();
    }
}
