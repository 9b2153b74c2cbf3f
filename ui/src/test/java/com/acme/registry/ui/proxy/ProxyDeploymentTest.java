package com.acme.registry.ui.proxy;

import com.acme.registry.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy on the same host (127.0.0.1, trusted by default): a request the proxy received
 * over HTTPS gets a Secure session cookie and HSTS, one over plain HTTP neither; no redirect is built from the
 * request's Host header.
 */
class ProxyDeploymentTest extends IntegrationTest {

    private static final String HSTS = "max-age=31536000 ; includeSubDomains";

    @Test
    void aRedirectToTheSignInPageNeverNamesTheHostHeader() {
        RawBrowser browser = new RawBrowser(port, Map.of("Host", "evil.example"));

        RawBrowser.Answer page = browser.get("/catalog");

        assertThat(page.status()).as("%s", page).isEqualTo(302);
        assertThat(page.location()).isEqualTo("/login");
    }

    @Test
    void backToTheAskedPageAfterSignInWithoutTheHostHeader() {
        RawBrowser browser = new RawBrowser(port, Map.of("Host", "evil.example"));
        assertThat(browser.get("/catalog/bnpl-credit-risk").location()).isEqualTo("/login");

        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/catalog/bnpl-credit-risk?continue");
        RawBrowser.Answer page = browser.get(signedIn.location());
        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.body()).contains("bnpl-credit-risk");
    }

    @Test
    void noRedirectOfSignInAndSignOutNamesTheHostHeader() {
        RawBrowser browser = new RawBrowser(port, Map.of("Host", "evil.example:8443", "X-Forwarded-Host",
                "evil.example"));

        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");
        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/catalog");

        RawBrowser.Answer wrong = new RawBrowser(port, Map.of("Host", "evil.example")).signIn("alice", "wrong");
        assertThat(wrong.location()).as("%s", wrong).isEqualTo("/login?error");

        Matcher csrf = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"")
                .matcher(browser.get("/catalog").body());
        assertThat(csrf.find()).isTrue();
        RawBrowser.Answer signedOut = browser.postForm("/logout", Map.of("_csrf", csrf.group(1)));
        assertThat(signedOut.location()).as("%s", signedOut).isEqualTo("/login?signed-out");
    }

    @Test
    void theApiDocumentNamesNoServerFromTheHostHeader() {
        RawBrowser.Answer docs = new RawBrowser(port, Map.of("Host", "evil.example",
                "Authorization", "Basic YWxpY2U6ZGVtbw==")).get("/v3/api-docs"); // alice:demo

        assertThat(docs.status()).as("%s", docs).isEqualTo(200);
        assertThat(docs.body()).doesNotContain("evil.example").contains("\"servers\":[{\"url\":\"/\"");
    }

    @Test
    void overHttpsThroughTheProxyTheSessionCookieIsSecureAndHstsIsSent() {
        RawBrowser browser = new RawBrowser(port, Map.of("X-Forwarded-Proto", "https",
                "X-Forwarded-For", "203.0.113.7"));

        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.location()).isEqualTo("/catalog");
        assertThat(signedIn.headers("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        assertThat(signedIn.header("Strict-Transport-Security")).isEqualTo(HSTS);
        assertThat(browser.get("/catalog").header("Strict-Transport-Security")).isEqualTo(HSTS);
        RawBrowser api = new RawBrowser(port, Map.of("X-Forwarded-Proto", "https",
                "Authorization", "Basic YWxpY2U6ZGVtbw==")); // alice:demo
        assertThat(api.get("/api/v1/me").header("Strict-Transport-Security")).isEqualTo(HSTS);
        assertThat(api.get("/v3/api-docs").header("Strict-Transport-Security")).isEqualTo(HSTS);
    }

    @Test
    void overPlainHttpThereIsNoHstsAndTheCookieIsNotSecure() {
        RawBrowser browser = new RawBrowser(port, Map.of());

        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.headers("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").doesNotContain("Secure"));
        assertThat(signedIn.header("Strict-Transport-Security")).isNull();
        assertThat(browser.get("/catalog").header("Strict-Transport-Security")).isNull();
        RawBrowser api = new RawBrowser(port, Map.of("Authorization", "Basic YWxpY2U6ZGVtbw=="));
        assertThat(api.get("/api/v1/me").header("Strict-Transport-Security")).isNull();
    }
}
