package com.acme.registry.security;

import com.acme.registry.identity.ApiTokens;
import com.acme.registry.identity.Role;

import com.acme.registry.audit.SecurityAudit;
import jakarta.servlet.DispatcherType;
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

    /** Stateless, HTTP Basic or API token, refusals as problem+json and audited: what every API chain shares. */
    private static HttpSecurity stateless(HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems,
                                          SignInThrottle throttle) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.realmName("model-registry").authenticationEntryPoint(problems))
                .headers(Hsts::overHttps)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiTokenAuthenticationFilter(tokens, problems), BasicAuthenticationFilter.class)
                .addFilterBefore(new SignInThrottleFilter(throttle, problems), BasicAuthenticationFilter.class);
    }

    /** MLflow's model-registry calls ({@code com.acme.registry.mlflow}), under both of MLflow's path prefixes. */
    static final String[] MLFLOW = {"/api/2.0/mlflow/**", "/ajax-api/2.0/mlflow/**"};

    private static String[] mlflow(String... calls) {
        return java.util.Arrays.stream(calls)
                .flatMap(call -> java.util.stream.Stream.of("/api/2.0/mlflow/" + call, "/ajax-api/2.0/mlflow/" + call))
                .toArray(String[]::new);
    }

    /**
     * MLflow's client, with the same users, tokens and roles as {@code /api/v1}: reads for every role (READER too:
     * models, versions, aliases), changes for ML engineers. Another MLflow path (its tracking API) is not served:
     * 404 ENDPOINT_NOT_FOUND for a signed-in caller.
     */
    @Bean
    @org.springframework.core.annotation.Order(3)
    public SecurityFilterChain mlflowSecurity(HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems,
                                              SignInThrottle throttle) throws Exception {
        stateless(http.securityMatcher(MLFLOW), tokens, problems, throttle)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, mlflow("registered-models/get", "registered-models/search",
                                "registered-models/get-latest-versions", "registered-models/alias",
                                "model-versions/get", "model-versions/search", "model-versions/get-download-uri"))
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, mlflow("registered-models/get-latest-versions"))
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, mlflow("registered-models/create", "registered-models/rename",
                                "registered-models/set-tag", "registered-models/alias", "model-versions/create",
                                "model-versions/set-tag", "model-versions/transition-stage"))
                        .hasRole(ML_ENGINEER.name())
                        .requestMatchers(HttpMethod.PATCH, mlflow("registered-models/update", "model-versions/update"))
                        .hasRole(ML_ENGINEER.name())
                        .requestMatchers(HttpMethod.DELETE, mlflow("registered-models/delete",
                                "registered-models/delete-tag", "registered-models/alias", "model-versions/delete",
                                "model-versions/delete-tag"))
                        .hasRole(ML_ENGINEER.name())
                        .anyRequest().authenticated());
        return http.build();
    }

    @Bean
    public SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ProblemSecurityHandlers problems,
                                           SignInThrottle throttle) throws Exception {
        stateless(http, tokens, problems, throttle)
                .authorizeHttpRequests(auth -> auth
                        // the end of an event stream is an async dispatch of a request authorised when it began
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
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
                        // the event feed: every role; READER sees catalog and serving events only (feed.EventTypes)
                        .requestMatchers(HttpMethod.GET, "/api/v1/events", "/api/v1/events/stream").authenticated()
                        .requestMatchers(HttpMethod.GET, "/actuator/**").hasRole(ADMIN.name())
                        .anyRequest().denyAll());
        return http.build();
    }
}
