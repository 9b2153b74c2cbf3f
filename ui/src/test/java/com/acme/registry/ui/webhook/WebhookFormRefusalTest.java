package com.acme.registry.ui.webhook;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.ui.browser.UiSession;
import com.acme.registry.webhook.Subscription;
import com.acme.registry.webhook.WebhookAdministration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The subscription forms' refusals as the refusal page shows them (400, the field and its rule, nothing changed),
 * SSRF-refused targets among them; the edit form, prefilled and changing nothing when refused; and the secret,
 * which only the answer to the POST that made it carries.
 */
class WebhookFormRefusalTest extends IntegrationTest {

    @Autowired
    private WebhookAdministration webhooks;

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

    @Test
    void theEditFormShowsTheSubscriptionAsItIsAWholeCategoryChecked() {
        Subscription hook = subscription("edit-form", List.of("serving", "PromotionGranted"));

        String form = adam().get(edit(hook)).body();

        assertThat(form).contains("value=\"" + hook.name() + "\"", "value=\"http://127.0.0.1:9/hook\"",
                "value=\"PromotionGranted\"", "value=\"m-one, m-two\"");
        assertThat(checked(form, "type-serving")).isTrue();
        assertThat(checked(form, "type-catalog")).isFalse();
        assertThat(checked(form, "type-governance")).isFalse();
        assertThat(checked(form, "environment-production")).isTrue();
        assertThat(checked(form, "environment-staging")).isFalse();
    }

    @Test
    void anEditWithBadInputIsRefusedNamingTheFieldAndChangesNothing() {
        UiSession adam = adam();
        Subscription hook = subscription("edit-refused", List.of("serving"));
        Subscription other = subscription("edit-other", List.of());

        assertRefused(save(adam, hook, editForm("no/slashes", "http://127.0.0.1:9/moved")),
                "name: must be 1-100 characters");
        assertRefused(save(adam, hook, editForm("", "http://127.0.0.1:9/moved")), "name: is required");
        assertRefused(save(adam, hook, editForm(hook.name(), "http://169.254.169.254/latest/meta-data")),
                "url: resolves to 169.254.169.254, a loopback, private, link-local, metadata or reserved address");
        assertRefused(save(adam, hook, editForm(hook.name(), "https://10.1.2.3/hook")), "url: resolves to 10.1.2.3");
        assertRefused(save(adam, hook, editForm(hook.name(), "")), "url: is required");
        Map<String, String> badType = editForm(hook.name(), "http://127.0.0.1:9/moved");
        badType.put("types", "catalog,NoSuchEvent");
        assertRefused(save(adam, hook, badType), "types: &#39;NoSuchEvent&#39; is no event type");
        Map<String, String> badEnvironment = editForm(hook.name(), "http://127.0.0.1:9/moved");
        badEnvironment.put("environments", "nowhere");
        assertRefused(save(adam, hook, badEnvironment), "environments: must be one of");
        UiSession.Page taken = save(adam, hook, editForm(other.name(), "http://127.0.0.1:9/moved"));
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);
        assertThat(taken.body()).contains("A webhook subscription named");

        assertThat(webhooks.find(hook.id())).as("nothing was changed").isEqualTo(hook);
    }

    @Test
    void anEditSavesEveryFieldAnEmptyOneMeaningAnyAndSaysWhatChanged() {
        UiSession adam = adam();
        Subscription hook = subscription("edit-saved", List.of("serving"));
        Map<String, String> form = editForm(hook.name(), "http://127.0.0.1:9/moved");
        form.put("types", "");
        form.put("models", "m-three");
        // no environment ticked: a browser sends no environments parameter at all

        UiSession.Page saved = save(adam, hook, form);

        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.location()).endsWith("/admin/webhooks/" + hook.id());
        Subscription changed = webhooks.find(hook.id());
        assertThat(changed.url()).isEqualTo("http://127.0.0.1:9/moved");
        assertThat(changed.types()).as("any").isEmpty();
        assertThat(changed.models()).containsExactly("m-three");
        assertThat(changed.environments()).as("any").isEmpty();
        assertThat(changed.name()).isEqualTo(hook.name());
        assertThat(changed.updatedBy()).isEqualTo("adam");
        assertThat(adam.get("/admin/webhooks/" + hook.id()).body()).contains("Changed the target URL, the event "
                + "types, the models and the environments of " + hook.name() + ".");

        assertThat(save(adam, changed, editForm(hook.name(), "http://127.0.0.1:9/moved")).status()).isEqualTo(302);
        assertThat(adam.get("/admin/webhooks/" + hook.id()).body())
                .contains("Changed the models of " + hook.name() + ".");
        assertThat(save(adam, changed, editForm(hook.name(), "http://127.0.0.1:9/moved")).status()).isEqualTo(302);
        assertThat(adam.get("/admin/webhooks/" + hook.id()).body()).contains("Nothing changed in " + hook.name());
    }

    @Test
    void aDeletedOrUnknownSubscriptionHasNoEditForm() {
        UiSession adam = adam();
        Subscription hook = subscription("edit-deleted", List.of());
        String token = adam.csrfToken(edit(hook));
        webhooks.delete(hook.id(), "adam");

        assertNotFound(adam.get(edit(hook)));
        assertNotFound(adam.post(edit(hook), editForm(hook.name() + "-renamed", "http://127.0.0.1:9/moved"), token));
        assertNotFound(adam.get("/admin/webhooks/" + UUID.randomUUID() + "/edit"));
        assertThat(webhooks.list()).extracting(Subscription::name).doesNotContain(hook.name() + "-renamed");
    }

    /** A subscription to m-one and m-two in production, of the given types. */
    private Subscription subscription(String prefix, List<String> types) {
        return webhooks.create(new WebhookAdministration.NewSubscription(uniqueName(prefix), "http://127.0.0.1:9/hook",
                types, List.of("m-one", "m-two"), List.of("production")), "adam").subscription();
    }

    private static String edit(Subscription hook) {
        return "/admin/webhooks/" + hook.id() + "/edit";
    }

    /** The fields as the edit form sends them with no box ticked: name, url, the comma fields. */
    private static Map<String, String> editForm(String name, String url) {
        Map<String, String> form = form(name, url);
        form.put("types", "");
        form.put("models", "m-one, m-two");
        return form;
    }

    private static UiSession.Page save(UiSession session, Subscription hook, Map<String, String> form) {
        return session.post(edit(hook), form, session.csrfToken(edit(hook)));
    }

    private static boolean checked(String form, String id) {
        return Pattern.compile("<input[^>]*id=\"" + id + "\"[^>]*checked").matcher(form).find();
    }

    private static void assertNotFound(UiSession.Page page) {
        assertThat(page.status()).as(page.body()).isEqualTo(404);
        assertThat(page.body()).contains("Not found", "No webhook subscription");
    }

    private static void assertRefused(UiSession.Page page, String rule) {
        assertThat(page.status()).as(page.body()).isEqualTo(400);
        assertThat(page.body()).contains("Check the form", rule, "Nothing was changed");
    }
}
