package com.acme.registry.security;

import com.acme.registry.audit.SecurityAudit;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed sign-ins per account (the user name tried) and per source address, in fixed windows that start at
 * a key's first failure. Once a key reached its limit, every attempt for it is refused (429) without checking the
 * credentials until its window ends; the first such refusal of a window is audited as {@code SignInThrottled}. A
 * successful sign-in does not reset a counter: otherwise a person or pipeline signing in all day would reset a
 * guesser's count on their account.
 *
 * <p>The counters live in this instance's memory, in caches of bounded size (least used keys go first), so that
 * nobody can exhaust memory by cycling user names; a restart forgets them.
 */
@Component
public class SignInThrottle {

    public static final String ACTION = "SignInThrottled";

    /** Characters of a user name used as a key and recorded (longer names cannot exist: 64 at most). */
    static final int MAX_USER = 100;

    /** Why an attempt is refused: which key, until when. */
    public record Throttled(String kind, String key, long retryAfterSeconds) {
    }

    private final SecurityAudit audit;
    private final int accountLimit;
    private final int addressLimit;
    private final Duration window;
    private final Cache<String, Window> accounts;
    private final Cache<String, Window> addresses;

    public SignInThrottle(SecurityAudit audit,
                          @Value("${registry.sign-in.account-limit:10}") int accountLimit,
                          @Value("${registry.sign-in.address-limit:30}") int addressLimit,
                          @Value("${registry.sign-in.window:15m}") Duration window,
                          @Value("${registry.sign-in.tracked-keys:100000}") long trackedKeys) {
        this.audit = audit;
        this.accountLimit = accountLimit;
        this.addressLimit = addressLimit;
        this.window = window;
        this.accounts = cache(trackedKeys);
        this.addresses = cache(trackedKeys);
    }

    private Cache<String, Window> cache(long size) {
        return Caffeine.newBuilder().maximumSize(size).expireAfter(new Expiry<String, Window>() {
            @Override
            public long expireAfterCreate(String key, Window value, long now) {
                return window.toNanos();
            }

            @Override
            public long expireAfterUpdate(String key, Window value, long now, long remaining) {
                return remaining;
            }

            @Override
            public long expireAfterRead(String key, Window value, long now, long remaining) {
                return remaining;
            }
        }).build();
    }

    /**
     * Whether an attempt by {@code user} (null for an API token or another scheme) from the request's address is
     * refused now; the first refusal of a key's window is audited.
     */
    public Optional<Throttled> check(HttpServletRequest request, String user, String channel) {
        String address = request.getRemoteAddr();
        Optional<Throttled> throttled = user == null ? Optional.empty()
                : throttled(accounts, "account", bounded(user), accountLimit);
        if (throttled.isEmpty()) {
            throttled = throttled(addresses, "address", address, addressLimit);
        }
        throttled.ifPresent(t -> recordOnce(request, t, channel));
        return throttled;
    }

    /** Counts a failed sign-in against the account tried (if any) and the request's address. */
    public void failed(HttpServletRequest request, String user) {
        if (user != null) {
            accounts.get(bounded(user), k -> new Window()).failures.incrementAndGet();
        }
        addresses.get(String.valueOf(request.getRemoteAddr()), k -> new Window()).failures.incrementAndGet();
    }

    private Optional<Throttled> throttled(Cache<String, Window> counters, String kind, String key, int limit) {
        Window counted = key == null ? null : counters.getIfPresent(key);
        if (counted == null || counted.failures.get() < limit) {
            return Optional.empty();
        }
        long nanos = counters.policy().expireVariably().flatMap(p -> p.getExpiresAfter(key))
                .map(Duration::toNanos).orElse(window.toNanos());
        return Optional.of(new Throttled(kind, key, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L)));
    }

    private void recordOnce(HttpServletRequest request, Throttled throttled, String channel) {
        Window counted = ("account".equals(throttled.kind()) ? accounts : addresses).getIfPresent(throttled.key());
        if (counted == null || !counted.recorded.compareAndSet(false, true)) {
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        if (channel != null) {
            details.put("channel", channel);
        }
        details.put("account".equals(throttled.kind()) ? "attemptedUser" : "address", throttled.key());
        details.put("limit", "account".equals(throttled.kind()) ? accountLimit : addressLimit);
        details.put("window", window.toString());
        details.put("retryAfterSeconds", throttled.retryAfterSeconds());
        audit.refusal(request, ACTION, null, 429, details);
    }

    private static String bounded(String user) {
        return user.codePointCount(0, user.length()) <= MAX_USER ? user
                : user.substring(0, user.offsetByCodePoints(0, MAX_USER));
    }

    /** Failures of one key in its current window; the cache entry expires when the window ends. */
    private static final class Window {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicBoolean recorded = new AtomicBoolean();
    }
}
