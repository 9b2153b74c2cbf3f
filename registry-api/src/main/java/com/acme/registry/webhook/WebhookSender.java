package com.acme.registry.webhook;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one delivery: a POST with connect and read time-outs, no redirects followed (a redirect is a failed attempt:
 * following one could lead anywhere), no retries of its own, no proxy, no cookies; the target's addresses checked on
 * every connection ({@link GuardedDnsResolver}). Only the first {@value #EXCERPT_BYTES} bytes of an answer are read.
 */
@Component
class WebhookSender implements DisposableBean {

    static final int EXCERPT_BYTES = 512;
    static final String USER_AGENT = "model-registry-webhooks/1";

    /** One attempt's outcome: a status (null when none was received), the time taken, an error, an answer excerpt. */
    record Outcome(Integer status, int latencyMillis, String error, String excerpt) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final CloseableHttpClient client;
    private final long deadlineMillis;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    WebhookSender(WebhookProperties properties) {
        this.deadlineMillis = properties.connectTimeout().plus(properties.readTimeout()).toMillis();
        TargetPolicy policy = new TargetPolicy(properties.allowHttp(), properties.allowedNetworks());
        ConnectionConfig connections = ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(policy))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnTotal(Math.max(32, properties.senders() * 2))
                        .setMaxConnPerRoute(Math.max(4, properties.senders()))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.readTimeout()))
                        .setConnectionRequestTimeout(Timeout.of(properties.connectTimeout()))
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    Outcome send(URI target, Map<String, String> headers, byte[] body) {
        HttpPost post = new HttpPost(target);
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        // a receiver that answers slowly, a byte at a time, is cut at the deadline: the read time-out is per read
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, deadlineMillis, TimeUnit.MILLISECONDS);
        try (ClosedOnce response = new ClosedOnce(client.execute(post))) {
            String excerpt = response.excerpt();
            int status = response.status();
            return new Outcome(status, millisSince(started), status >= 300 ? "answered " + status : null, excerpt);
        } catch (SocketTimeoutException e) {
            return new Outcome(null, millisSince(started), "timed out: " + e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            if (post.isCancelled()) {
                return new Outcome(null, millisSince(started), "timed out: no complete answer within "
                        + deadlineMillis + " ms", null);
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, millisSince(started), message, null);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * A response of which at most {@value #EXCERPT_BYTES} bytes are read. One with more is closed at once, its
     * connection dropped: closing it gracefully would read the rest, however long (a receiver could stream for ever).
     */
    private static final class ClosedOnce implements AutoCloseable {
        private final CloseableHttpResponse response;
        private boolean fullyRead = true;

        ClosedOnce(CloseableHttpResponse response) {
            this.response = response;
        }

        int status() {
            return response.getCode();
        }

        String excerpt() throws IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return null;
            }
            InputStream in = entity.getContent();
            byte[] bytes = in.readNBytes(EXCERPT_BYTES);
            fullyRead = bytes.length < EXCERPT_BYTES || in.read() < 0;
            return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            response.close(fullyRead ? CloseMode.GRACEFUL : CloseMode.IMMEDIATE);
        }
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
