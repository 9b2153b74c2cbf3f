package com.acme.registry.ui.webhook;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.UiSession;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription form's refusals as the refusal page shows them (400, the field and its rule, nothing changed),
 * SSRF-refused targets among them; and the secret, which only the answer to the POST that made it carries.
 */
class WebhookFormRefusalTest extends IntegrationTest {

    private UiSession adam() {
        return UiSession.signedIn(port, "adam");
    }

    private static Map<String, String> form(String name, String url) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", name);
        form.put("url", url);
        return form;
    }

    private UiSession.Page create(UiSession session, Map<String, String> form) {
        return session.post("/admin/webhooks", form, session.csrfToken("/admin/webhooks/new"));
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsCreated() {
        UiSession adam = adam();
        String name = uniqueName("refused");
        Map<String, String> badType = form(name, "http://127.0.0.1:9/hook");
        badType.put("types", "catalog,NoSuchEvent");

        assertRefused(create(adam, form("no/slashes", "http://127.0.0.1:9/hook")), "name: must be 1-100 characters");
        assertRefused(create(adam, form(name, "ftp://127.0.0.1/hook")), "url: must be an http or https URL");
        assertRefused(create(adam, badType), "types: &#39;NoSuchEvent&#39; is no event type");
        assertRefused(create(adam, form(name, "")), "url: is required");
        assertThat(adam.get("/admin/webhooks").body()).doesNotContain(name);
    }

    @Test
    void targetsTheSsrfPolicyRefusesAreRefusedLikeAnyBadInput() {
        UiSession adam = adam();
        String name = uniqueName("ssrf");

        assertRefused(create(adam, form(name, "http://169.254.169.254/latest/meta-data")),
                "url: resolves to 169.254.169.254, a loopback, private, link-local, metadata or reserved address");
        assertRefused(create(adam, form(name, "https://10.1.2.3/hook")), "url: resolves to 10.1.2.3");
        assertRefused(create(adam, form(name, "http://user:pw@127.0.0.1:9/hook")), "url: must not carry a user name");
        assertThat(adam.get("/admin/webhooks").body()).doesNotContain(name);
    }

    @Test
    void theSecretIsInTheCreatingAnswerOnlyAndNoCacheMayKeepIt() {
        UiSession adam = adam();
        String name = uniqueName("secret-once");

        UiSession.Page created = create(adam, form(name, "http://127.0.0.1:9/hook"));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.location()).isNull();
        assertThat(created.header("Cache-Control")).contains("no-store");
        String secret = created.body().replaceAll("(?s).*id=\"secret\"[^>]*value=\"([^\"]+)\".*", "$1");
        assertThat(secret).hasSizeGreaterThan(20).doesNotContain("<");
        String list = adam.get("/admin/webhooks").body();
        String id = list.replaceAll("(?s).*href=\"/admin/webhooks/([0-9a-f-]{36})\">" + name + "<.*", "$1");
        assertThat(list).contains(name).doesNotContain(secret);
        assertThat(adam.get("/admin/webhooks/" + id).body()).contains(name).doesNotContain(secret);
        UiSession.Page redelivered = adam.post("/admin/webhooks/" + id + "/redeliveries",
                Map.of("fromEventId", "5", "toEventId", "4"), adam.csrfToken("/admin/webhooks/" + id));
        assertRefused(redelivered, "toEventId: must not be before fromEventId");
    }

    private static void assertRefused(UiSession.Page page, String rule) {
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains("Check the form", rule, "Nothing was changed");
    }
}
