package com.acme.registry.ui.identity;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.security.SignInThrottle;
import com.acme.registry.identity.UserAccounts;
import com.acme.registry.security.Hsts;
import com.acme.registry.identity.Role;
import com.acme.registry.security.SessionFollowsAccount;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import static com.acme.registry.identity.Role.ADMIN;
import static com.acme.registry.identity.Role.COMPLIANCE;
import static com.acme.registry.identity.Role.ML_ENGINEER;
import static com.acme.registry.identity.Role.RISK_REVIEWER;

/**
 * The web UI: form sign-in with a session, CSRF on every form, and an explicit role rule for every page and
 * action. It runs before the API's stateless chain, which still answers (and refuses) everything else. Every page
 * needs one of the people's roles: READER is the serving systems' role and sees nothing here. Redirects are relative
 * (or built from registry.public-base-url), HSTS is sent over HTTPS.
 */
@Configuration(proxyBeanMethods = false)
public class UiSecurityConfiguration {

    static final String[] UI_PATHS = {"/", "/login", "/logout", "/catalog", "/catalog/**", "/reviews", "/reviews/**",
            "/compliance", "/compliance/**", "/admin/webhooks", "/admin/webhooks/**", "/assets/**", "/webjars/**", "/favicon.ico"};

    @Bean
    @Order(1)
    public SecurityFilterChain uiSecurity(HttpSecurity http, SecurityAudit audit, SignInThrottle throttle,
                                          UserAccounts accounts) throws Exception {
        SignInAudit signInAudit = new SignInAudit(audit, throttle);
        http
                .securityMatcher(UI_PATHS)
                // right after the session's sign-in is read: before logout, CSRF, authorization and any controller
                .addFilterAfter(new SessionFollowsAccount(accounts, audit), SecurityContextHolderFilter.class)
                .formLogin(form -> form.loginPage("/login").permitAll()
                        .successHandler(new RoleStartPage())
                        .failureHandler(signInAudit))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signed-out")
                        .deleteCookies("JSESSIONID"))
                .addFilterBefore(new FormSignInThrottle(throttle), UsernamePasswordAuthenticationFilter.class)
                .sessionManagement(session -> session.invalidSessionUrl("/login?expired"))
                .exceptionHandling(e -> e.authenticationEntryPoint(signInPage()).accessDeniedHandler(signInAudit))
                .headers(headers -> Hsts.overHttps(headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                        + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/assets/**", "/webjars/**", "/favicon.ico").permitAll()
                        // with any query string: ?error, ?expired, ?signed-out
                        .requestMatchers(HttpMethod.GET, "/login").permitAll()
                        .requestMatchers(HttpMethod.GET, "/catalog/*/promotions/new",
                                "/catalog/*/environments/*/confirm/*").hasRole(ML_ENGINEER.name())
                        // a person holding only READER (the serving systems' role) has no page here
                        .requestMatchers(HttpMethod.GET, "/", "/catalog", "/catalog/**").hasAnyRole(Role.people())
                        .requestMatchers(HttpMethod.POST, "/catalog/*/promotions", "/catalog/*/environments/*/rollout",
                                "/catalog/*/environments/*/rollout/traffic",
                                "/catalog/*/environments/*/rollout/completion",
                                "/catalog/*/environments/*/rollout/abort",
                                "/catalog/*/environments/*/rollback").hasRole(ML_ENGINEER.name())
                        .requestMatchers(HttpMethod.GET, "/reviews", "/reviews/**").hasRole(RISK_REVIEWER.name())
                        .requestMatchers(HttpMethod.POST, "/reviews/*/*/approval", "/reviews/*/*/rejection",
                                "/reviews/rollbacks/*/*/acknowledgement").hasRole(RISK_REVIEWER.name())
                        .requestMatchers(HttpMethod.GET, "/compliance", "/compliance/**")
                        .hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/compliance/verification")
                        .hasAnyRole(COMPLIANCE.name(), ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/admin/webhooks", "/admin/webhooks/new",
                                "/admin/webhooks/*", "/admin/webhooks/*/edit", "/admin/webhooks/*/deliveries/*")
                        .hasRole(ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/admin/webhooks", "/admin/webhooks/*/edit",
                                "/admin/webhooks/*/pause", "/admin/webhooks/*/unpause", "/admin/webhooks/*/resumption",
                                "/admin/webhooks/*/secret", "/admin/webhooks/*/deletion",
                                "/admin/webhooks/*/redeliveries", "/admin/webhooks/*/deliveries/*/redelivery")
                        .hasRole(ADMIN.name())
                        .anyRequest().denyAll());
        return http.build();
    }

    /** To the sign-in page by a relative redirect: an absolute one would be built from the request's Host. */
    private static LoginUrlAuthenticationEntryPoint signInPage() {
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint("/login");
        signIn.setFavorRelativeUris(true);
        return signIn;
    }
}
