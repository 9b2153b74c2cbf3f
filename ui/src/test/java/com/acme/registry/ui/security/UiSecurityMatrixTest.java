package com.acme.registry.ui.security;

import com.acme.registry.support.Api;
import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.UiSession;
import com.acme.registry.webhook.Subscription;
import com.acme.registry.webhook.WebhookAdministration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page and action of the web UI against every role: the roles that must be refused get 403 (even with a
 * valid CSRF token, as a forged form would have), the others are served, and nobody signed out gets further than
 * the sign-in page. A guard fails when a UI route is added without a line here. A person holding only READER (the
 * serving systems' role) is refused every page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiSecurityMatrixTest extends IntegrationTest {

    enum Access {
        SIGNED_IN(Set.of("alice", "rita", "carla", "adam")),
        ENGINEER(Set.of("alice")),
        REVIEWER(Set.of("rita")),
        COMPLIANCE(Set.of("carla", "adam")),
        ADMIN(Set.of("adam"));

        final Set<String> allowed;

        Access(Set<String> allowed) {
            this.allowed = allowed;
        }
    }

    record Route(String method, String pattern, String path, Access access) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final String MODEL = "bnpl-credit-risk";
    private static final String UNKNOWN = "no-such-model";
    /** No subscription and no delivery: an allowed action finds nothing to change (404) and changes nothing. */
    private static final String WEBHOOK = "/admin/webhooks/" + UUID.randomUUID();
    private static final String DELIVERY = WEBHOOK + "/deliveries/" + UUID.randomUUID();

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/", "/", Access.SIGNED_IN),
            new Route("GET", "/catalog", "/catalog", Access.SIGNED_IN),
            new Route("GET", "/catalog/{name}", "/catalog/" + MODEL, Access.SIGNED_IN),
            new Route("GET", "/catalog/{name}/versions/{number}", "/catalog/" + MODEL + "/versions/1", Access.SIGNED_IN),
            new Route("GET", "/catalog/{name}/environments/{environment}", "/catalog/" + MODEL
                    + "/environments/production", Access.SIGNED_IN),
            new Route("GET", "/catalog/{name}/promotions/new", "/catalog/" + MODEL + "/promotions/new?version=2",
                    Access.ENGINEER),
            new Route("POST", "/catalog/{name}/promotions", "/catalog/" + UNKNOWN + "/promotions", Access.ENGINEER),
            new Route("GET", "/catalog/{name}/environments/{environment}/confirm/{step}", "/catalog/" + MODEL
                    + "/environments/production/confirm/complete", Access.ENGINEER),
            new Route("POST", "/catalog/{name}/environments/{environment}/rollout", "/catalog/" + UNKNOWN
                    + "/environments/production/rollout", Access.ENGINEER),
            new Route("POST", "/catalog/{name}/environments/{environment}/rollout/traffic", "/catalog/" + UNKNOWN
                    + "/environments/production/rollout/traffic", Access.ENGINEER),
            new Route("POST", "/catalog/{name}/environments/{environment}/rollout/completion", "/catalog/" + UNKNOWN
                    + "/environments/production/rollout/completion", Access.ENGINEER),
            new Route("POST", "/catalog/{name}/environments/{environment}/rollout/abort", "/catalog/" + UNKNOWN
                    + "/environments/production/rollout/abort", Access.ENGINEER),
            new Route("POST", "/catalog/{name}/environments/{environment}/rollback", "/catalog/" + UNKNOWN
                    + "/environments/production/rollback", Access.ENGINEER),
            new Route("GET", "/reviews", "/reviews", Access.REVIEWER),
            new Route("POST", "/reviews/{model}/{number}/approval", "/reviews/" + UNKNOWN + "/1/approval",
                    Access.REVIEWER),
            new Route("POST", "/reviews/{model}/{number}/rejection", "/reviews/" + UNKNOWN + "/1/rejection",
                    Access.REVIEWER),
            new Route("POST", "/reviews/rollbacks/{model}/{number}/acknowledgement", "/reviews/rollbacks/" + UNKNOWN
                    + "/1/acknowledgement", Access.REVIEWER),
            new Route("GET", "/compliance", "/compliance", Access.COMPLIANCE),
            new Route("GET", "/compliance/inventory", "/compliance/inventory", Access.COMPLIANCE),
            new Route("GET", "/compliance/releases", "/compliance/releases", Access.COMPLIANCE),
            new Route("GET", "/compliance/audit", "/compliance/audit?model=" + MODEL, Access.COMPLIANCE),
            new Route("GET", "/compliance/audit/chain", "/compliance/audit/chain", Access.COMPLIANCE),
            new Route("GET", "/compliance/export", "/compliance/export", Access.COMPLIANCE),
            new Route("GET", "/compliance/export", "/compliance/export?format=csv&model=" + MODEL, Access.COMPLIANCE),
            new Route("GET", "/compliance/public-key.pem", "/compliance/public-key.pem", Access.COMPLIANCE),
            new Route("GET", "/compliance/verification", "/compliance/verification", Access.COMPLIANCE),
            new Route("POST", "/compliance/verification", "/compliance/verification", Access.COMPLIANCE),
            new Route("GET", "/admin/webhooks", "/admin/webhooks", Access.ADMIN),
            new Route("GET", "/admin/webhooks/new", "/admin/webhooks/new", Access.ADMIN),
            // the forged form names no subscription: an allowed create is refused as bad input
            new Route("POST", "/admin/webhooks", "/admin/webhooks", Access.ADMIN),
            new Route("GET", "/admin/webhooks/{id}", WEBHOOK, Access.ADMIN),
            new Route("GET", "/admin/webhooks/{id}/edit", WEBHOOK + "/edit", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/edit", WEBHOOK + "/edit", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/pause", WEBHOOK + "/pause", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/unpause", WEBHOOK + "/unpause", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/resumption", WEBHOOK + "/resumption", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/secret", WEBHOOK + "/secret", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/deletion", WEBHOOK + "/deletion", Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/redeliveries", WEBHOOK + "/redeliveries", Access.ADMIN),
            new Route("GET", "/admin/webhooks/{id}/deliveries/{deliveryId}", DELIVERY, Access.ADMIN),
            new Route("POST", "/admin/webhooks/{id}/deliveries/{deliveryId}/redelivery", DELIVERY + "/redelivery",
                    Access.ADMIN));

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private WebhookAdministration webhooks;

    @Autowired
    @Qualifier("uiSecurity")
    private SecurityFilterChain uiSecurity;

    /** A person holding only READER, created by adam. */
    private static final String READER = "ui-matrix-reader-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String READER_PASSWORD = "reader-pass-ui-matrix-1";

    private final Map<String, UiSession> sessions = new HashMap<>();

    @BeforeAll
    void createReader() {
        Api.Response created = as("adam").post("/api/v1/admin/users",
                Map.of("username", READER, "password", READER_PASSWORD, "roles", List.of("READER")));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    private UiSession session(String user) {
        return sessions.computeIfAbsent(user, u -> u.equals(READER) ? UiSession.signedIn(port, u, READER_PASSWORD)
                : UiSession.signedIn(port, u));
    }

    Stream<Arguments> admissions() {
        // READER's posts are refused by the same rules as before; its new rule is about pages (and it has no page
        // that carries a CSRF token to forge a post with)
        return ROUTES.stream().flatMap(route -> (route.method().equals("GET")
                ? Stream.of("alice", "rita", "carla", "adam", READER) : Stream.of("alice", "rita", "carla", "adam"))
                .map(user -> Arguments.of(route, user)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("admissions")
    void eachRoleIsServedOrRefusedAsItsRuleSays(Route route, String user) {
        UiSession session = session(user);
        UiSession.Page page = route.method().equals("GET") ? session.get(route.path())
                : session.forge(route.path(), Map.of("comment", "matrix", "reason", "matrix", "version", "1",
                "environment", "production", "trafficPercent", "10"));
        if (route.access().allowed.contains(user)) {
            assertThat(page.status()).as("%s may %s", user, route).isNotIn(401, 403);
            assertThat(page.status()).as("%s %s: a page, a refusal or a redirect, never an error", user, route)
                    .isLessThan(500);
            assertThat(page.location() == null ? "" : page.location()).doesNotContain("/login");
        } else {
            assertThat(page.status()).as("%s must be refused %s", user, route).isEqualTo(403);
        }
    }

    @Test
    void aPersonHoldingOnlyReaderSignsInToARefusalThatShowsNothing() {
        UiSession reader = session(READER);

        UiSession.Page start = reader.get("/catalog");
        UiSession.Page model = reader.get("/catalog/" + MODEL);

        assertThat(start.status()).isEqualTo(403);
        assertThat(model.status()).isEqualTo(403);
        assertThat(model.body()).doesNotContain(MODEL).doesNotContain("ustification");
    }

    @Test
    void theApiDocumentationOpensWithAUiSessionForPeopleOnly() {
        for (String user : List.of("alice", "rita", "carla", "adam")) {
            UiSession.Page docs = session(user).get("/v3/api-docs", "application/json");
            assertThat(docs.status()).as("%s: %s", user, docs.body()).isEqualTo(200);
            assertThat(docs.body()).contains("\"openapi\"");
            assertThat(session(user).get("/swagger-ui/index.html").status()).as(user).isEqualTo(200);
        }
        assertThat(session(READER).get("/v3/api-docs", "application/json").status()).isEqualTo(403);
        assertThat(session(READER).get("/swagger-ui/index.html").status()).isEqualTo(403);
        UiSession.Page signedOut = UiSession.anonymous(port).get("/v3/api-docs", "application/json");
        assertThat(signedOut.status()).isEqualTo(401);
        assertThat(signedOut.header("WWW-Authenticate")).doesNotContain("Basic");
    }

    @Test
    void nobodyButAnAdminEditsAnExistingSubscriptionEvenWithAValidToken() {
        Subscription hook = webhooks.create(new WebhookAdministration.NewSubscription(
                "ui-matrix-edit-" + UUID.randomUUID().toString().substring(0, 8), "http://127.0.0.1:9/hook",
                List.of("catalog"), List.of(MODEL), List.of()), "adam").subscription();
        String edit = "/admin/webhooks/" + hook.id() + "/edit";
        Map<String, String> form = Map.of("name", hook.name() + "-renamed", "url", "http://127.0.0.1:9/moved",
                "types", "", "models", "");

        for (String user : List.of("alice", "rita", "carla")) {
            UiSession session = session(user);
            assertThat(session.get(edit).status()).as("%s GET edit", user).isEqualTo(403);
            UiSession.Page posted = session.post(edit, form, session.csrfToken("/catalog"));
            assertThat(posted.status()).as("%s POST edit", user).isEqualTo(403);
            assertThat(webhooks.find(hook.id())).as("%s changed nothing", user).isEqualTo(hook);
        }
        // a READER has no page, so its session holds no CSRF token: its post is sent back to sign in before any
        // role rule looks at it, and the role rule is checked on its own
        UiSession reader = session(READER);
        assertThat(reader.get(edit).status()).isEqualTo(403);
        assertThat(reader.post(edit, form, null).location()).endsWith("/login?expired");
        assertThat(webhooks.find(hook.id())).isEqualTo(hook);
        assertThat(uiRules(edit, "READER")).as("READER may POST edit").isFalse();
        assertThat(uiRules(edit, "ADMIN")).as("ADMIN may POST edit").isTrue();
        UiSession anonymous = UiSession.anonymous(port);
        assertThat(anonymous.post(edit, form, anonymous.csrfToken("/login")).location()).endsWith("/login");
        assertThat(webhooks.find(hook.id())).isEqualTo(hook);

        UiSession adam = session("adam");
        assertThat(adam.post(edit, form, adam.csrfToken(edit)).status()).isEqualTo(302);
        assertThat(webhooks.find(hook.id()).name()).isEqualTo(hook.name() + "-renamed");
    }

    /** Whether the UI's role rules let a person holding only {@code role} POST to {@code path}. */
    private boolean uiRules(String path, String role) {
        AuthorizationFilter rules = uiSecurity.getFilters().stream().filter(AuthorizationFilter.class::isInstance)
                .map(AuthorizationFilter.class::cast).findFirst().orElseThrow();
        Authentication person = UsernamePasswordAuthenticationToken.authenticated("someone", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role)));
        AuthorizationResult result = rules.getAuthorizationManager()
                .authorize(() -> person, new MockHttpServletRequest("POST", path));
        return result != null && result.isGranted();
    }

    Stream<Route> routes() {
        return ROUTES.stream();
    }

    @ParameterizedTest(name = "{0} signed out")
    @MethodSource("routes")
    void nobodySignedOutGetsPastTheSignInPage(Route route) {
        UiSession anonymous = UiSession.anonymous(port);
        UiSession.Page page = route.method().equals("GET") ? anonymous.get(route.path())
                : anonymous.post(route.path(), Map.of(), anonymous.csrfToken("/login"));
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void everyUiRouteIsInTheMatrix() {
        Set<String> served = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getPackageName().startsWith("com.acme.registry.ui"))
                .flatMap(e -> e.getKey().getMethodsCondition().getMethods().stream()
                        .flatMap(m -> e.getKey().getPatternValues().stream().map(p -> m.name() + " " + p)))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> listed = ROUTES.stream().map(r -> r.method() + " " + r.pattern())
                .collect(Collectors.toCollection(TreeSet::new));
        served.remove("GET /login");
        assertThat(listed).isEqualTo(served);
    }
}
