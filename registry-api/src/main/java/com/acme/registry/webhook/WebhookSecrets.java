package com.acme.registry.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Webhook signing secrets: made here (32 random bytes, shown once as {@code whsec_…}), kept in the database only
 * encrypted with AES-256-GCM under a key that lives in a file outside it ({@code registry.webhooks.secret-key-file},
 * created on first start, readable by the registry's user only). The subscription's id is the associated data, so a
 * ciphertext copied to another row does not decrypt. A database dump alone reveals no secret; with the key file lost,
 * each subscription needs a new secret (rotation).
 */
@Component
public class WebhookSecrets {

    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final String PREFIX = "whsec_";

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final String keyId;

    public WebhookSecrets(WebhookProperties properties) {
        Path file = properties.secretKeyFile().toAbsolutePath();
        byte[] bytes = Files.exists(file) ? read(file) : create(file);
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("The webhook secret key " + file + " must hold " + KEY_BYTES
                    + " bytes in base64");
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.keyId = keyId(bytes);
    }

    /** A new secret: what the receiver keys its HMAC with. */
    public String newSecret() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public String keyId() {
        return keyId;
    }

    /** The nonce, then the ciphertext and its tag. */
    public byte[] encrypt(UUID subscription, String secret) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(subscription.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * @throws IllegalStateException when the ciphertext was made under another key or for another subscription
     */
    public String decrypt(UUID subscription, byte[] stored, String storedKeyId) {
        if (!keyId.equals(storedKeyId)) {
            throw new IllegalStateException("the secret was encrypted with key " + storedKeyId + ", not this "
                    + "registry's key " + keyId + " (registry.webhooks.secret-key-file): rotate the secret");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, NONCE_BYTES));
            cipher.updateAAD(subscription.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] plain = cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the stored secret does not decrypt (altered, or not this subscription's): "
                    + "rotate the secret", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the webhook secret key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the webhook secret key " + file + " is not base64", e);
        }
    }

    private byte[] create(Path file) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "webhook-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on file systems without POSIX permissions
            }
            Files.writeString(temp, Base64.getEncoder().encodeToString(bytes) + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                Files.deleteIfExists(temp);
                if (Files.exists(file)) {
                    return read(file); // another registry process created it first
                }
                throw raced;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the webhook secret key " + file, e);
        }
        log.warn("Generated a new webhook secret key in {} (key id {}); back it up with the database.", file,
                keyId(bytes));
        return bytes;
    }

    private static String keyId(byte[] key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
