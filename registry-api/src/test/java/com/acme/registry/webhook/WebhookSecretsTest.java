package com.acme.registry.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSecretsTest {

    @TempDir
    Path dir;

    private WebhookSecrets secrets(Path keyFile) {
        return new WebhookSecrets(new WebhookProperties(null, null, null, null, null, null, null, null, keyFile, null));
    }

    @Test
    void theKeyFileIsCreatedOnceReadableByTheOwnerOnlyAndKeptAcrossStarts() throws Exception {
        Path key = dir.resolve("keys/webhook.key");
        WebhookSecrets first = secrets(key);
        UUID subscription = UUID.randomUUID();
        byte[] stored = first.encrypt(subscription, "whsec_abc");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        WebhookSecrets restarted = secrets(key);
        assertThat(restarted.keyId()).isEqualTo(first.keyId());
        assertThat(restarted.decrypt(subscription, stored, first.keyId())).isEqualTo("whsec_abc");
    }

    @Test
    void theStoredFormRevealsNothingAndDecryptsOnlyForItsSubscriptionAndKey() {
        WebhookSecrets secrets = secrets(dir.resolve("a.key"));
        UUID subscription = UUID.randomUUID();
        String secret = secrets.newSecret();
        byte[] stored = secrets.encrypt(subscription, secret);

        assertThat(secret).startsWith("whsec_").hasSize("whsec_".length() + 43);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6, 20));
        assertThat(secrets.encrypt(subscription, secret)).as("a fresh nonce each time").isNotEqualTo(stored);
        assertThatThrownBy(() -> secrets.decrypt(UUID.randomUUID(), stored, secrets.keyId()))
                .hasMessageContaining("does not decrypt");
        WebhookSecrets otherKey = secrets(dir.resolve("b.key"));
        assertThatThrownBy(() -> otherKey.decrypt(subscription, stored, secrets.keyId()))
                .hasMessageContaining("rotate the secret");
        byte[] altered = stored.clone();
        altered[altered.length - 1] ^= 1;
        assertThatThrownBy(() -> secrets.decrypt(subscription, altered, secrets.keyId()))
                .hasMessageContaining("does not decrypt");
    }

    @Test
    void aKeyFileOfTheWrongSizeStopsTheStart() throws Exception {
        Path key = dir.resolve("short.key");
        Files.writeString(key, "c2hvcnQ=\n");

        assertThatThrownBy(() -> secrets(key)).hasMessageContaining("must hold 32 bytes");
    }
}
