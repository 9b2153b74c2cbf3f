package com.acme.registry.bench.feed;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A receiver's check of a delivery's signature, as docs/events.md tells receivers to make it: {@code sha256=} and the
 * lower-case hex HMAC-SHA256 of {@code <X-Registry-Timestamp>.<body>}, keyed with the secret's UTF-8 bytes, compared
 * in constant time; a timestamp more than five minutes from the receiver's clock is refused.
 */
public final class WebhookSignatures {

    static final long TOLERANCE_SECONDS = 300;

    private WebhookSignatures() {
    }

    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public static boolean verify(String secret, String timestamp, byte[] body, String signature, long nowSeconds) {
        if (secret == null || signature == null || timestamp == null || !timestamp.matches("[0-9]{1,12}")
                || Math.abs(nowSeconds - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
