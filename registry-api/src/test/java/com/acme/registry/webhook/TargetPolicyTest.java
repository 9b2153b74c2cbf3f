package com.acme.registry.webhook;

import com.acme.registry.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a webhook may point: the rules on a URL, and the same rules on the address a connection is made to. */
class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false, List.of());

    @Test
    void onlyHttpsUnlessPlainHttpIsAllowed() {
        assertThat(strict.problem("http://93.184.216.34/hook")).get().asString().contains("https");
        assertThat(new TargetPolicy(true, List.of()).problem("http://93.184.216.34/hook")).isEmpty();
        assertThat(strict.problem("https://93.184.216.34/hook")).isEmpty();
        assertThat(strict.problem("gopher://93.184.216.34/")).isPresent();
        assertThat(strict.problem("https://" + "a".repeat(2000) + ".com/")).get().asString().contains("2000");
    }

    @Test
    void internalAddressesAreRefusedUnlessAllowListed() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.31.255.255", "192.168.0.1", "169.254.169.254",
                "100.100.100.200", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "::ffff:169.254.169.254",
                "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::a9fe:a9fe", "224.0.0.1")) {
            assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isPresent();
        }
        for (String address : List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8")) {
            assertThat(strict.refusal(InetAddress.getByName(address))).as(address).isEmpty();
        }
        TargetPolicy internal = new TargetPolicy(false, List.of("10.20.0.0/16"));
        assertThat(internal.refusal(InetAddress.getByName("10.20.3.4"))).isEmpty();
        assertThat(internal.refusal(InetAddress.getByName("10.21.3.4"))).isPresent();
    }

    @Test
    void theAddressConnectedToIsCheckedAtEverySendNotOnlyWhenSaved() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // as if the URL had been saved while its host resolved elsewhere (DNS rebinding): no allow-list now
            WebhookProperties properties = new WebhookProperties(true, List.of(), Duration.ofSeconds(1),
                    Duration.ofSeconds(1), null, null, null, 2, null, null);
            WebhookSender sender = new WebhookSender(properties);
            WebhookSender.Outcome outcome = sender.send(URI.create(receiver.url().replace("127.0.0.1", "localhost")),
                    Map.of(), "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.status()).isNull();
            assertThat(outcome.error()).contains("refused").contains("localhost");
            assertThat(receiver.received()).as("no connection was made").isEmpty();

            WebhookSender allowed = new WebhookSender(new WebhookProperties(true, List.of("127.0.0.0/8", "::1/128"),
                    Duration.ofSeconds(1), Duration.ofSeconds(1), null, null, null, 2, null, null));
            assertThat(allowed.send(URI.create(receiver.url()), Map.of(), "{}".getBytes(StandardCharsets.UTF_8))
                    .delivered()).as("the same receiver, allowed").isTrue();
        }
    }
}
