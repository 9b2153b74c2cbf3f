package com.acme.registry.ui.webhook;

import com.acme.registry.support.IntegrationTest;
import com.acme.registry.support.Samples;
import com.acme.registry.ui.browser.Browser;
import com.acme.registry.webhook.Subscription;
import com.acme.registry.webhook.WebhookAdministration;
import com.acme.registry.webhook.WebhookSignature;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * adam in a real Chromium: creates a subscription pointing at a receiver on 127.0.0.1, sees its secret once (and it
 * is the one that signs), watches a model registration arrive as delivered with 200, opens its attempts, redelivers
 * it one by one and by range, edits the subscription's model filter and target, pauses, unpauses, rotates the secret
 * and deletes the subscription.
 */
class WebhookBrowserTest extends IntegrationTest {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    private WebhookAdministration webhooks;

    @Test
    void adamSubscribesSeesTheSecretOnceAndFollowsADeliveryToItsAttempts() throws Exception {
        String model = uniqueName("webhook-ui");
        String name = uniqueName("ui-hook");
        try (Receiver receiver = Receiver.start(); Browser browser = Browser.open(port, "webhooks")) {
            browser.signIn("adam");
            browser.find(By.linkText("Webhooks")).click();
            assertThat(browser.path()).isEqualTo("/admin/webhooks");
            browser.find(By.linkText("New subscription")).click();

            browser.field("name").sendKeys(name);
            browser.field("url").sendKeys(receiver.url());
            browser.field("type-catalog").click();
            browser.field("models").sendKeys(model);
            browser.screenshot("new-subscription");
            browser.button("Create subscription").click();
            browser.waitUntil(d -> !browser.findAll(By.id("secret")).isEmpty());

            String secret = browser.field("secret").getAttribute("value");
            assertThat(secret).hasSizeGreaterThan(20);
            assertThat(browser.text()).contains("Created " + name, "never shows it again");
            assertThat(browser.url()).doesNotContain(secret);
            browser.screenshot("secret-shown-once");

            browser.find(By.linkText("I have stored it: open the subscription")).click();
            String subscription = browser.path();
            assertThat(subscription).startsWith("/admin/webhooks/");
            assertThat(browser.pageSource()).doesNotContain(secret);
            assertThat(browser.text()).contains(receiver.url(), "catalog", model, "active");
            browser.go("/admin/webhooks");
            assertThat(browser.pageSource()).doesNotContain(secret);
            WebElement row = browser.find(By.xpath("//tr[th/a[normalize-space()='" + name + "']]"));
            assertThat(row.getText()).contains(receiver.url(), "catalog", model, "any", "active", "adam");

            assertThat(as("alice").post("/api/v1/models", Samples.model(model)).status()).isEqualTo(201);
            Receiver.Received sent = receiver.next(DELIVERY);
            assertThat(sent.eventType()).isEqualTo("ModelRegistered");
            assertThat(WebhookSignature.verify(secret, sent.timestamp(), sent.body(), sent.signature()))
                    .as("signed with the secret shown").isTrue();
            String eventId = sent.eventId();

            browser.go(subscription);
            WebElement delivery = awaitDelivered(browser, subscription, eventId);
            assertThat(delivery.getText()).contains("ModelRegistered", model, "delivered", "200");
            browser.screenshot("delivery-log");
            new Select(browser.field("state")).selectByVisibleText("failed");
            browser.button("Show").click();
            browser.waitUntil(d -> browser.path().contains("state=failed") && browser.text().contains("No deliveries"));
            assertThat(browser.findAll(By.cssSelector("tr[data-event-id]"))).isEmpty();
            browser.go(subscription + "?state=delivered");
            delivery = browser.find(By.cssSelector("tr[data-event-id='" + eventId + "']"));

            delivery.findElement(By.linkText(eventId)).click();
            assertThat(browser.text()).contains("Delivery of event " + eventId, "Attempts (1)", Receiver.ANSWER);
            assertThat(browser.find(By.cssSelector("table.attempts td[data-column=status]")).getText())
                    .isEqualTo("200");
            assertThat(browser.findAll(By.cssSelector("pre.response-excerpt b"))).as("the answer is text").isEmpty();
            browser.screenshot("delivery-attempts");

            String original = browser.path();
            browser.button("Redeliver").click();
            assertThat(browser.awaitFlash()).contains("Queued event " + eventId + " again");
            assertThat(browser.path()).isNotEqualTo(original).contains(subscription + "/deliveries/");
            Receiver.Received again = receiver.next(DELIVERY);
            assertThat(again.eventId()).isEqualTo(eventId);
            assertThat(again.body()).isEqualTo(sent.body());
            browser.waitUntil(d -> {
                d.navigate().refresh();
                return browser.text().contains("Redelivery asked by")
                        && browser.find(By.cssSelector(".page-head .badge")).getText().equals("delivered");
            });

            browser.go(subscription);
            browser.field("fromEventId").sendKeys(eventId);
            browser.field("toEventId").sendKeys(eventId);
            browser.button("Redeliver range").click();
            assertThat(browser.awaitFlash()).isEqualTo("Queued 1 delivery of events " + eventId + "–" + eventId + ".");
            assertThat(receiver.next(DELIVERY).eventId()).isEqualTo(eventId);
        }
    }

    @Test
    void adamPausesUnpausesRotatesTheSecretAndDeletes() throws Exception {
        String name = uniqueName("ui-hook-actions");
        try (Receiver receiver = Receiver.start(); Browser browser = Browser.open(port, "webhook-actions")) {
            browser.signIn("adam");
            browser.go("/admin/webhooks/new");
            browser.field("name").sendKeys(name);
            browser.field("url").sendKeys(receiver.url());
            browser.field("environment-production").click();
            browser.button("Create subscription").click();
            String first = browser.waitUntil(d -> browser.field("secret")).getAttribute("value");
            browser.find(By.linkText("I have stored it: open the subscription")).click();
            String subscription = browser.path();
            assertThat(browser.text()).contains("production", "any");

            browser.button("Pause").click();
            assertThat(browser.awaitFlash()).startsWith("Paused");
            assertThat(browser.find(By.cssSelector(".page-head .badge")).getText()).isEqualTo("paused");
            assertThat(browser.buttons("Resume")).hasSize(1);
            browser.button("Unpause").click();
            assertThat(browser.awaitFlash()).startsWith("Unpaused");
            assertThat(browser.find(By.cssSelector(".page-head .badge")).getText()).isEqualTo("active");
            assertThat(browser.buttons("Resume")).isEmpty();

            browser.button("Rotate secret").click();
            assertThat(browser.acceptConfirmation()).contains("Replace the signing secret");
            String second = browser.waitUntil(d -> browser.field("secret")).getAttribute("value");
            assertThat(second).isNotEqualTo(first);
            assertThat(browser.text()).contains("New signing secret for " + name, "old secret no longer signs");

            browser.go(subscription);
            browser.button("Delete subscription").click();
            assertThat(browser.acceptConfirmation()).contains("Delete the subscription " + name);
            assertThat(browser.awaitFlash()).contains("Deleted the subscription " + name);
            assertThat(browser.path()).isEqualTo("/admin/webhooks");
            assertThat(browser.findAll(By.linkText(name))).isEmpty();
            browser.go(subscription);
            assertThat(browser.text()).contains("404", "Not found");
        }
    }

    @Test
    void adamEditsTheModelFilterAndTheTargetAndTheNextEventGoesOnlyWhereTheEditSays() throws Exception {
        String before = uniqueName("edit-before");
        String after = uniqueName("edit-after");
        try (Receiver first = Receiver.start(); Receiver second = Receiver.start();
             Browser browser = Browser.open(port, "webhook-edit")) {
            Subscription hook = webhooks.create(new WebhookAdministration.NewSubscription(uniqueName("ui-hook-edit"),
                    first.url(), List.of("catalog"), List.of(before), List.of()), "adam").subscription();
            browser.signIn("adam");
            browser.go("/admin/webhooks/" + hook.id());
            browser.find(By.linkText("Edit")).click();
            assertThat(browser.path()).isEqualTo("/admin/webhooks/" + hook.id() + "/edit");
            assertThat(browser.field("name").getAttribute("value")).isEqualTo(hook.name());
            assertThat(browser.field("url").getAttribute("value")).isEqualTo(first.url());
            assertThat(browser.field("models").getAttribute("value")).isEqualTo(before);
            assertThat(browser.field("type-catalog").isSelected()).isTrue();
            assertThat(browser.field("type-serving").isSelected()).isFalse();
            assertThat(browser.field("environment-production").isSelected()).isFalse();

            browser.field("models").clear();
            browser.field("models").sendKeys(after);
            browser.field("url").clear();
            browser.field("url").sendKeys(second.url());
            browser.screenshot("edit-subscription");
            browser.button("Save changes").click();

            assertThat(browser.awaitFlash())
                    .isEqualTo("Changed the target URL and the models of " + hook.name() + ".");
            assertThat(browser.path()).isEqualTo("/admin/webhooks/" + hook.id());
            assertThat(browser.text()).contains(second.url(), after, "catalog").doesNotContain(first.url());

            assertThat(as("alice").post("/api/v1/models", Samples.model(before)).status()).isEqualTo(201);
            assertThat(as("alice").post("/api/v1/models", Samples.model(after)).status()).isEqualTo(201);
            Receiver.Received sent = second.next(DELIVERY);
            assertThat(sent.eventType()).isEqualTo("ModelRegistered");
            assertThat(new String(sent.body(), StandardCharsets.UTF_8)).contains("\"" + after + "\"")
                    .doesNotContain(before);
            // the model left out of the filter reaches neither receiver; the old target gets nothing more
            second.assertNothingWithin(Duration.ofSeconds(2));
            first.assertNothingWithin(Duration.ofMillis(100));
        }
    }

    @Test
    void nobodyButAnAdminSeesTheWebhooksEntry() {
        try (Browser browser = Browser.open(port, "webhook-nav")) {
            for (String user : List.of("alice", "rita", "carla")) {
                browser.signIn(user);
                assertThat(browser.findAll(By.linkText("Webhooks"))).as(user).isEmpty();
                browser.signOut();
            }
            browser.signIn("adam");
            assertThat(browser.findAll(By.linkText("Webhooks"))).hasSize(1);
        }
    }

    /** Reloads the subscription page until the event's delivery shows as delivered. */
    private static WebElement awaitDelivered(Browser browser, String subscription, String eventId) {
        By row = By.cssSelector("tr[data-event-id='" + eventId + "']");
        return browser.waitUntil(d -> {
            browser.go(subscription);
            List<WebElement> rows = browser.findAll(row);
            return rows.stream().filter(r -> r.findElement(By.cssSelector("[data-column=state]")).getText()
                    .equals("delivered")).findFirst().orElse(null);
        });
    }
}
