package com.acme.registry.ui.identity;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, session and CSRF rules of the web UI, checked over HTTP without a browser. */
class SignInSecurityTest extends IntegrationTest {

    @Test
    void aSignInWithoutCsrfTokenIsRefused() {
        UiSession session = UiSession.anonymous(port);
        UiSession.Page withoutSession = session.post("/login", Map.of("username", "alice", "password", "demo"), null);
        assertThat(withoutSession.location()).as("no session, so no token to match").endsWith("/login?expired");

        session.csrfToken("/login");
        UiSession.Page withoutToken = session.post("/login", Map.of("username", "alice", "password", "demo"), null);
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(session.get("/catalog").location()).as("still signed out").endsWith("/login");
    }

    @Test
    void aWrongPasswordSendsBackToTheFormAndIsAudited() {
        String attempted = uniqueName("mallory");
        UiSession session = UiSession.anonymous(port);
        UiSession.Page page = session.post("/login", Map.of("username", attempted, "password", "guess"),
                session.csrfToken("/login"));

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login?error");
        UiSession.Page form = session.get("/login?error");
        assertThat(form.status()).as(form.location()).isEqualTo(200);
        assertThat(form.body()).contains("do not match an");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'AuthenticationFailed' "
                + "AND details::jsonb->>'attemptedUser' = ? AND details::jsonb->>'channel' = 'ui'", Long.class, attempted))
                .isEqualTo(1);
    }

    @Test
    void aFormPostedWithAWrongCsrfTokenIsRefusedAndRecordedWithThePerson() {
        UiSession session = UiSession.signedIn(port, "ravi");
        session.csrfToken("/reviews");
        String approval = "/reviews/" + uniqueName("forged") + "/1/approval";

        assertThat(session.post(approval, Map.of("comment", "forged"), "not-the-token").status()).isEqualTo(403);
        assertThat(session.post(approval, Map.of("comment", "forged"), null).status()).isEqualTo(403);

        assertThat(jdbc.queryForList("SELECT actor || ' ' || (details::jsonb->>'status') || ' ' "
                + "|| (details::jsonb->>'channel') FROM audit_record WHERE action = 'CsrfTokenRefused' "
                + "AND details::jsonb->>'path' = ?", String.class, approval))
                .containsExactly("ravi 403 ui", "ravi 403 ui");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'AccessDenied' "
                + "AND details::jsonb->>'path' = ?", Long.class, approval)).isZero();
    }

    @Test
    void aSignInFormWithoutCsrfTokenLeavesNoRecord() {
        String attempted = uniqueName("nocsrf");
        UiSession session = UiSession.anonymous(port);
        session.csrfToken("/login");
        assertThat(session.post("/login", Map.of("username", attempted, "password", "demo"), null).status())
                .isEqualTo(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE details LIKE ?", Long.class,
                "%" + attempted + "%")).isZero();
    }

    @Test
    void pagesNeedASignedInSession() {
        UiSession.Page page = UiSession.anonymous(port).get("/reviews");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void anUnknownOrExpiredSessionAsksToSignInAgain() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/catalog"))
                .header("Cookie", "JSESSIONID=0123456789ABCDEF0123456789ABCDEF").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login?expired"));
    }

    @Test
    void signingOutNeedsAPostWithTheTokenAndEndsTheSession() {
        UiSession session = UiSession.signedIn(port, "alice");
        session.csrfToken("/catalog");
        assertThat(session.post("/logout", Map.of(), null).status()).isEqualTo(403);
        assertThat(session.get("/catalog").status()).isEqualTo(200);

        UiSession.Page out = session.post("/logout", Map.of(), session.csrfToken("/catalog"));
        assertThat(out.location()).endsWith("/login?signed-out");
        assertThat(session.get("/catalog").status()).isEqualTo(302);
    }

    @Test
    void theUiSessionDoesNotAuthenticateTheStatelessApi() {
        UiSession session = UiSession.signedIn(port, "alice");
        assertThat(session.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() {
        UiSession.Page page = UiSession.anonymous(port).get("/login");
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void theOpenApiDocumentDescribesTheApiOnly() {
        String document = as("alice").get("/v3/api-docs").body();
        assertThat(document).contains("/api/v1/models").doesNotContain("\"/catalog").doesNotContain("\"/reviews");
    }
}
