package com.acme.registry.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A delivery's signature: HMAC-SHA256, keyed with the subscription's secret (its UTF-8 bytes, as shown when it was
 * issued), over {@code <timestamp>.<body>}, where the timestamp is the {@value #TIMESTAMP} header (Unix seconds)
 * and the body the request's exact bytes. Sent as {@value #SIGNATURE}: {@code sha256=<lower-case hex>}.
 */
public final class WebhookSignature {

    public static final String DELIVERY = "X-Registry-Delivery";
    public static final String EVENT_ID = "X-Registry-Event-Id";
    public static final String EVENT_TYPE = "X-Registry-Event-Type";
    public static final String TIMESTAMP = "X-Registry-Timestamp";
    public static final String SIGNATURE = "X-Registry-Signature";
    static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a receiver does: recompute and compare in constant time. */
    public static boolean verify(String secret, String timestampHeader, byte[] body, String signatureHeader) {
        if (secret == null || timestampHeader == null || signatureHeader == null
                || !timestampHeader.matches("[0-9]{1,12}")) {
            return false;
        }
        byte[] expected = sign(secret, Long.parseLong(timestampHeader), body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }
}
