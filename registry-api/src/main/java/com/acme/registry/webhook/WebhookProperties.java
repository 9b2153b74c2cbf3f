package com.acme.registry.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Webhook delivery settings ({@code registry.webhooks.*}).
 *
 * @param allowHttp       whether a target may use plain http (for local testing only; https otherwise)
 * @param allowedNetworks CIDR blocks a target may reach although they are loopback, private, link-local or
 *                        metadata addresses (e.g. {@code 10.20.0.0/16} for an internal receiver)
 * @param connectTimeout  how long a delivery waits to connect
 * @param readTimeout     how long a delivery waits for the receiver's answer
 * @param initialBackoff  the wait after a first failed attempt; doubled after each further one, with jitter
 * @param maxBackoff      the longest wait between two attempts
 * @param retryFor        how long a delivery is retried before it is given up and its subscription marked failing
 * @param senders         deliveries in flight at once
 * @param secretKeyFile   the AES-256 key that encrypts the signing secrets in the database; created on first start
 * @param logRetention    how long the delivery log keeps a delivery that went through (and its attempts)
 */
@ConfigurationProperties("registry.webhooks")
public record WebhookProperties(Boolean allowHttp, List<String> allowedNetworks, Duration connectTimeout,
                                Duration readTimeout, Duration initialBackoff, Duration maxBackoff, Duration retryFor,
                                Integer senders, Path secretKeyFile, Duration logRetention) {

    public WebhookProperties {
        allowHttp = allowHttp != null && allowHttp;
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(2), "connect-timeout");
        readTimeout = positive(readTimeout, Duration.ofSeconds(5), "read-timeout");
        initialBackoff = positive(initialBackoff, Duration.ofSeconds(1), "initial-backoff");
        maxBackoff = positive(maxBackoff, Duration.ofMinutes(10), "max-backoff");
        retryFor = positive(retryFor, Duration.ofHours(24), "retry-for");
        logRetention = positive(logRetention, Duration.ofDays(30), "log-retention");
        senders = senders == null ? 16 : senders;
        if (senders < 1 || senders > 256) {
            throw new IllegalStateException("registry.webhooks.senders must be between 1 and 256, not " + senders);
        }
        secretKeyFile = secretKeyFile == null
                ? Path.of(System.getProperty("user.home"), ".model-registry", "webhook-secret.key") : secretKeyFile;
    }

    private static Duration positive(Duration value, Duration otherwise, String key) {
        Duration chosen = value == null ? otherwise : value;
        if (chosen.isNegative() || chosen.isZero()) {
            throw new IllegalStateException("registry.webhooks." + key + " must be positive, not " + chosen);
        }
        return chosen;
    }
}
