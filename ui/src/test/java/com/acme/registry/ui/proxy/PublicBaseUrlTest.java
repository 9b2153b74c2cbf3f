package com.acme.registry.ui.proxy;

import com.acme.registry.support.Api;
import com.acme.registry.support.Samples;
import com.acme.registry.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code registry.public-base-url} set, every absolute redirect and Location starts with it, and it is the
 * API's own origin; forwarded headers from an address that is not a trusted proxy are ignored. A context and
 * database of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "registry.demo=true", "logging.level.root=WARN", "spring.datasource.hikari.maximum-pool-size=4",
        "registry.public-base-url=https://registry.example.com/",
        "server.tomcat.remoteip.internal-proxies=192.0.2.10/32"})
@DirtiesContext
class PublicBaseUrlTest {

    private static final String BASE = "https://registry.example.com";
    private static final TestDatabase.Coordinates DB = TestDatabase.fresh("ui_public_base_url");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DB.register(registry, "ui-public-base-url-key.pem");
    }

    @LocalServerPort
    int port;

    @Test
    void redirectsAreBuiltFromTheBaseUrlNeverFromHost() {
        RawBrowser browser = new RawBrowser(port, Map.of("Host", "evil.example"));

        assertThat(browser.get("/catalog").location()).isEqualTo(BASE + "/login");
        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");
        assertThat(signedIn.location()).as("%s", signedIn).isEqualTo(BASE + "/catalog?continue");
        assertThat(browser.get("/").location()).isEqualTo(BASE + "/catalog");
        RawBrowser fresh = new RawBrowser(port, Map.of("Host", "evil.example"));
        assertThat(fresh.signIn("alice", "demo").location()).isEqualTo(BASE + "/catalog");
        assertThat(new RawBrowser(port, Map.of("Host", "evil.example")).signIn("alice", "wrong").location())
                .isEqualTo(BASE + "/login?error");
    }

    @Test
    void theApisLocationHeadersStartWithTheBaseUrl() {
        String model = "base-url-" + UUID.randomUUID().toString().substring(0, 8);

        Api.Response created = Api.basic(port, "alice", "demo").post("/api/v1/models", Samples.model(model));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(BASE + "/api/v1/models/" + model);
    }

    @Test
    void theApiDocumentNamesTheBaseUrlAsItsServer() {
        Api.Response docs = Api.basic(port, "alice", "demo").get("/v3/api-docs");

        assertThat(docs.json().path("servers").get(0).path("url").asString()).isEqualTo(BASE);
    }

    @Test
    void theBaseUrlIsTheApisOwnOrigin() {
        String model = "base-url-" + UUID.randomUUID().toString().substring(0, 8);
        Api alice = Api.basic(port, "alice", "demo");

        assertThat(alice.header("Origin", BASE).post("/api/v1/models", Samples.model(model)).status())
                .isEqualTo(201);
        Api.Response fromTheHost = alice.header("Origin", "http://localhost:" + port)
                .post("/api/v1/models", Samples.model(model + "-2"));
        assertThat(fromTheHost.status()).as("%s", fromTheHost).isEqualTo(403);
        assertThat(fromTheHost.json().path("rule").asString()).isEqualTo("cross-site-request");
    }

    @Test
    void forwardedHeadersFromAnUntrustedAddressAreIgnored() {
        RawBrowser browser = new RawBrowser(port, Map.of("X-Forwarded-Proto", "https"));

        RawBrowser.Answer signedIn = browser.signIn("alice", "demo");

        assertThat(signedIn.status()).as("%s", signedIn).isEqualTo(302);
        assertThat(signedIn.header("Strict-Transport-Security")).isNull();
        assertThat(signedIn.headers("Set-Cookie")).anySatisfy(cookie -> assertThat(cookie)
                .startsWith("JSESSIONID=").doesNotContain("Secure"));
    }
}
