package com.acme.registry.bench.feed;

import com.acme.registry.bench.http.HttpConnection;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver on a real local port, sent deliveries the way the registry signs them. */
class WebhookReceiverTest {

    @Test
    void recordsEachDeliveryWithWhetherItsSignatureAndEventIdCheckOut() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(2)) {
            receiver.secret(0, "whsec_zero");
            receiver.secret(1, "whsec_one");
            URI url = URI.create(receiver.url(1));
            byte[] body = "{\"id\":\"42\",\"position\":42}".getBytes(StandardCharsets.UTF_8);
            String now = Long.toString(System.currentTimeMillis() / 1000);
            try (HttpConnection http = new HttpConnection(URI.create("http://127.0.0.1:" + url.getPort()))) {
                assertThat(http.post(url.getPath(), headers("42", now, WebhookSignatures.sign("whsec_one", now, body)),
                        body).status()).isEqualTo(204);
                // subscription 0's secret on subscription 1's path
                http.post(url.getPath(), headers("42", now, WebhookSignatures.sign("whsec_zero", now, body)), body);
                // the header names another event than the body
                http.post(url.getPath(), headers("43", now, WebhookSignatures.sign("whsec_one", now, body)), body);
            }
            List<FanOut.Receipt> receipts = receiver.receipts();
            assertThat(receipts).extracting(FanOut.Receipt::subscriber).containsExactly(1, 1, 1);
            assertThat(receipts).extracting(FanOut.Receipt::eventId).containsExactly(42L, 42L, 43L);
            assertThat(receipts).extracting(FanOut.Receipt::signatureOk).containsExactly(true, false, false);
            assertThat(receiver.count()).isEqualTo(3);
            assertThat(receiver.distinct()).isEqualTo(2);
        }
    }

    private static Map<String, String> headers(String eventId, String timestamp, String signature) {
        return Map.of("Content-Type", "application/json", "X-Registry-Event-Id", eventId,
                "X-Registry-Timestamp", timestamp, "X-Registry-Signature", signature);
    }
}
