package com.acme.registry.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final byte[] BODY = "{\"id\":\"42\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTimestampDotBodyWithTheSecretsBytes() {
        // computed with Python's hmac: hmac.new(b'whsec_test-secret', b'1765000000.{"id":"42"}', sha256).hexdigest()
        assertThat(WebhookSignature.sign("whsec_test-secret", 1765000000L, BODY))
                .isEqualTo("sha256=9c53fbb9cd1f4c03711cc938537298dcf919c30aa85ca86bed5abaa1a401fa61");
    }

    @Test
    void verifiesOnlyTheSameSecretTimestampAndBody() {
        String signature = WebhookSignature.sign("whsec_a", 100, BODY);

        assertThat(WebhookSignature.verify("whsec_a", "100", BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify("whsec_b", "100", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", "101", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", "100", "{\"id\":\"43\"}".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", "1e2", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify("whsec_a", null, BODY, signature)).isFalse();
    }
}
