package com.acme.registry.bench.feed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {

    private static final String SECRET = "whsec_test-secret";
    private static final String TIMESTAMP = "1765100043";
    private static final byte[] BODY = "{\"id\":\"1234\",\"type\":\"RolloutCompleted\"}".getBytes(StandardCharsets.UTF_8);
    /** printf '%s' '1765100043.{"id":"1234","type":"RolloutCompleted"}' | openssl dgst -sha256 -hmac whsec_test-secret */
    private static final String OPENSSL = "sha256=f06f9ace2b547cbcb54f8729a2235d23c86b208b44f55f05defeb35f55a79e4b";

    @Test
    void signsAsDocsEventsMdSaysTheRegistryDoes() {
        assertThat(WebhookSignatures.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(OPENSSL);
    }

    @Test
    void acceptsTheRightSignatureOnlyWithinFiveMinutes() {
        long now = Long.parseLong(TIMESTAMP);
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, BODY, OPENSSL, now + 300)).isTrue();
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, BODY, OPENSSL, now + 301)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, BODY, OPENSSL, now - 301)).isFalse();
    }

    @Test
    void refusesAnotherSecretBodyTimestampOrAMissingHeader() {
        long now = Long.parseLong(TIMESTAMP);
        assertThat(WebhookSignatures.verify("whsec_other", TIMESTAMP, BODY, OPENSSL, now)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, "{}".getBytes(StandardCharsets.UTF_8), OPENSSL, now))
                .isFalse();
        assertThat(WebhookSignatures.verify(SECRET, "1765100044", BODY, OPENSSL, now)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, BODY, null, now)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, "17651000x3", BODY, OPENSSL, now)).isFalse();
        assertThat(WebhookSignatures.verify(null, TIMESTAMP, BODY, OPENSSL, now)).isFalse();
        assertThat(WebhookSignatures.verify(SECRET, TIMESTAMP, BODY, OPENSSL.toUpperCase(), now)).isFalse();
    }
}
