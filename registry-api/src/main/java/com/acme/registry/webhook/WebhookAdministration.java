package com.acme.registry.webhook;

import com.acme.registry.audit.SecurityAudit;
import com.acme.registry.feed.EventTypes;
import com.acme.registry.feed.FeedFilter;
import com.acme.registry.feed.FeedLog;
import com.acme.registry.promotion.Environments;
import com.acme.registry.validation.NotFoundException;
import com.acme.registry.validation.RuleViolationException;
import com.acme.registry.validation.Violations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Webhook subscriptions and their delivery logs: the one door for the API and the web UI (ADMIN). Every change is
 * audited in its own transaction, naming the subscription and its target's origin (never the secret, nor the URL's
 * path or query, which some receivers use as a credential). A target the SSRF policy refuses is audited too.
 */
@Service
public class WebhookAdministration {

    static final String CREATED = "WebhookSubscriptionCreated";
    static final String CHANGED = "WebhookSubscriptionChanged";
    static final String DELETED = "WebhookSubscriptionDeleted";
    static final String SECRET_ROTATED = "WebhookSecretRotated";
    static final String RESUMED = "WebhookSubscriptionResumed";
    static final String REDELIVERY = "WebhookRedeliveryRequested";
    static final String TARGET_REFUSED = "WebhookTargetRefused";

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}");
    public static final int MAX_REDELIVERY = 10_000;
    public static final int MAX_LOG_PAGE = 200;

    /** A new subscription; lists may be null or empty (any). */
    public record NewSubscription(String name, String url, List<String> types, List<String> models,
                                  List<String> environments) {
    }

    /** A change: null fields stay as they are. */
    public record Change(String name, String url, List<String> types, List<String> models, List<String> environments,
                         Boolean paused) {
    }

    /** The only answer that carries the secret. */
    public record Created(Subscription subscription, String secret) {
    }

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveries;
    private final WebhookSecrets secrets;
    private final FeedLog feed;
    private final Environments environments;
    private final SecurityAudit audit;
    private final WebhookDispatcher dispatcher;
    private final WebhookProperties properties;
    private final TargetPolicy policy;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    WebhookAdministration(Subscriptions subscriptions, DeliveryLog deliveries, WebhookSecrets secrets, FeedLog feed,
                          Environments environments, SecurityAudit audit, WebhookDispatcher dispatcher,
                          WebhookProperties properties, TransactionTemplate transaction) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.feed = feed;
        this.environments = environments;
        this.audit = audit;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.policy = new TargetPolicy(properties.allowHttp(), properties.allowedNetworks());
        this.transaction = transaction;
    }

    public List<Subscription> list() {
        return subscriptions.list();
    }

    public Subscription find(UUID id) {
        return subscriptions.find(id).orElseThrow(() -> notFound(id));
    }

    /** The event types a subscription may name, sorted. */
    public List<String> eventTypes() {
        return List.copyOf(EventTypes.names());
    }

    public Created create(NewSubscription request, String admin) {
        Violations violations = new Violations();
        checkName(request.name(), violations);
        FeedFilter filter = filter(request.types(), request.models(), request.environments(), violations);
        checkTarget(request.url(), admin, null, violations);
        violations.throwIfAny();
        UUID id = UUID.randomUUID();
        String secret = secrets.newSecret();
        try {
            transaction.executeWithoutResult(status -> {
                if (subscriptions.nameTaken(request.name(), id)) {
                    throw nameTaken(request.name());
                }
                feed.lockInTransaction(); // no feed batch commits between reading the head and this commit
                long start = feed.head();
                Instant now = clock.instant();
                subscriptions.insert(id, request.name(), request.url(), FeedFilter.named(request.types()),
                        sorted(filter.models()), sorted(filter.environments()), secrets.encrypt(id, secret),
                        secrets.keyId(), start, admin, now);
                Map<String, Object> details = target(id, request.name(), request.url());
                details.put("types", FeedFilter.named(request.types()));
                details.put("models", sorted(filter.models()));
                details.put("environments", sorted(filter.environments()));
                details.put("startPosition", start);
                audit.act(admin, CREATED, details);
            });
        } catch (DuplicateKeyException raced) {
            throw nameTaken(request.name());
        }
        return new Created(find(id), secret);
    }

    public Subscription change(UUID id, Change change, String admin) {
        find(id); // an unknown or deleted subscription is a 404 whatever the change, and no refusal is audited for it
        Violations violations = new Violations();
        if (change.name() != null) {
            checkName(change.name(), violations);
        }
        if (change.url() != null) {
            checkTarget(change.url(), admin, id, violations);
        }
        FeedFilter filter = filter(change.types(), change.models(), change.environments(), violations);
        violations.throwIfAny();
        try {
            transaction.executeWithoutResult(status -> {
                Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
                String name = change.name() == null ? current.name() : change.name();
                if (!name.equals(current.name()) && subscriptions.nameTaken(name, id)) {
                    throw nameTaken(name);
                }
                String url = change.url() == null ? current.url() : change.url();
                List<String> types = change.types() == null ? current.types() : FeedFilter.named(change.types());
                List<String> models = change.models() == null ? current.models() : sorted(filter.models());
                List<String> envs = change.environments() == null ? current.environments()
                        : sorted(filter.environments());
                boolean enabled = change.paused() == null ? current.enabled() : !change.paused();
                subscriptions.update(id, name, url, types, models, envs, enabled, admin, clock.instant());
                Map<String, Object> details = target(id, name, url);
                List<String> changed = new ArrayList<>();
                if (!name.equals(current.name())) {
                    changed.add("name");
                }
                if (!url.equals(current.url())) {
                    changed.add("url");
                }
                if (!types.equals(current.types()) || !models.equals(current.models())
                        || !envs.equals(current.environments())) {
                    changed.add("filter");
                }
                if (enabled != current.enabled()) {
                    changed.add(enabled ? "unpaused" : "paused");
                }
                details.put("changed", changed);
                details.put("types", types);
                details.put("models", models);
                details.put("environments", envs);
                audit.act(admin, CHANGED, details);
            });
        } catch (DuplicateKeyException raced) {
            throw nameTaken(change.name());
        }
        dispatcher.wake();
        return find(id);
    }

    @Transactional
    public void delete(UUID id, String admin) {
        Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
        subscriptions.delete(id, admin, clock.instant());
        Map<String, Object> details = target(id, current.name(), current.url());
        details.put("unsentDeliveries", deliveries.cancelPending(id));
        audit.act(admin, DELETED, details);
    }

    /** A new secret, shown once; the old one stops signing at once. */
    @Transactional
    public String rotateSecret(UUID id, String admin) {
        Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
        String secret = secrets.newSecret();
        subscriptions.replaceSecret(id, secrets.encrypt(id, secret), secrets.keyId(), admin, clock.instant());
        audit.act(admin, SECRET_ROTATED, target(id, current.name(), current.url()));
        return secret;
    }

    /** Un-pauses, clears the failing mark, and gives deliveries that ran out of retries a new retry period. */
    public Subscription resume(UUID id, String admin) {
        transaction.executeWithoutResult(status -> {
            Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            int requeued = deliveries.requeueFailed(id, now, now.plus(properties.retryFor()));
            subscriptions.resume(id, admin, now);
            Map<String, Object> details = target(id, current.name(), current.url());
            details.put("wasStatus", current.status());
            details.put("requeuedDeliveries", requeued);
            audit.act(admin, RESUMED, details);
        });
        dispatcher.wake();
        return find(id);
    }

    public List<Delivery> deliveries(UUID id, String state, Long beforeEventId, int limit) {
        find(id);
        Violations violations = new Violations();
        violations.check(state == null || List.of("pending", "delivered", "failed").contains(state), "state",
                "must be one of pending, delivered, failed");
        violations.check(limit >= 1 && limit <= MAX_LOG_PAGE, "limit", "must be between 1 and " + MAX_LOG_PAGE);
        violations.check(beforeEventId == null || beforeEventId >= 0, "before", "must be an event id (0 or more)");
        violations.throwIfAny();
        return deliveries.list(id, state, beforeEventId, limit);
    }

    public Delivery.Detail delivery(UUID id, UUID deliveryId) {
        Delivery delivery = deliveries.find(id, deliveryId).orElseThrow(() -> new NotFoundException(
                "Webhook subscription " + id + " has no delivery " + deliveryId + "."));
        return new Delivery.Detail(delivery, deliveries.attempts(deliveryId));
    }

    /** Sends one delivery's event again, as a new delivery. */
    public Delivery redeliver(UUID id, UUID deliveryId, String admin) {
        Delivery original = delivery(id, deliveryId).delivery();
        UUID created = transaction.execute(status -> {
            Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            UUID newId = deliveries.redeliver(original, admin, now, now.plus(properties.retryFor()));
            Map<String, Object> details = target(id, current.name(), current.url());
            details.put("deliveryId", deliveryId.toString());
            details.put("newDeliveryId", newId.toString());
            details.put("eventId", original.eventId());
            audit.act(admin, REDELIVERY, details);
            return newId;
        });
        dispatcher.wake();
        return deliveries.find(id, created).orElseThrow();
    }

    /** Sends every event in [from, to] that the subscription's filter passes again; how many deliveries. */
    public int redeliverRange(UUID id, Long from, Long to, String admin) {
        Violations violations = new Violations();
        eventId(from, "fromEventId", "the first event id to send", violations);
        eventId(to, "toEventId", "the last event id to send", violations);
        violations.throwIfAny();
        violations.check(from <= to, "toEventId", "must not be before fromEventId");
        violations.throwIfAny();
        Subscription subscription = find(id);
        long count = deliveries.countInRange(subscription, from, to);
        violations.check(count <= MAX_REDELIVERY, "toEventId", "the range holds " + count + " matching events; "
                + "redeliver at most " + MAX_REDELIVERY + " at once");
        violations.throwIfAny();
        Integer created = transaction.execute(status -> {
            Subscription current = subscriptions.lock(id).orElseThrow(() -> notFound(id));
            Instant now = clock.instant();
            int n = deliveries.redeliverRange(current, from, to, admin, now, now.plus(properties.retryFor()));
            Map<String, Object> details = target(id, current.name(), current.url());
            details.put("fromEventId", from);
            details.put("toEventId", to);
            details.put("deliveries", n);
            audit.act(admin, REDELIVERY, details);
            return n;
        });
        dispatcher.wake();
        return created == null ? 0 : created;
    }

    private FeedFilter filter(List<String> types, List<String> models, List<String> envs, Violations violations) {
        return FeedFilter.parse(types, models, envs, EnumSet.allOf(EventTypes.Category.class), environments,
                violations, FeedFilter.Fields.BODY);
    }

    private static void eventId(Long value, String field, String meaning, Violations violations) {
        if (violations.check(value != null, field, "is required: " + meaning)) {
            violations.check(value >= 1, field, "must be an event id, 1 or more (was " + value + ")");
        }
    }

    private static void checkName(String name, Violations violations) {
        if (violations.check(name != null && !name.isBlank(), "name", "is required")) {
            violations.check(NAME.matcher(name).matches(), "name", "must be 1-100 characters of letters, digits, "
                    + "space, '.', '_' and '-', starting with a letter or digit");
        }
    }

    private void checkTarget(String url, String admin, UUID subscription, Violations violations) {
        Optional<String> problem = policy.problem(url);
        if (problem.isEmpty()) {
            return;
        }
        violations.add("url", problem.get());
        // every refused target is audited, whatever the rule: a probe of the network looks like a run of refusals
        Map<String, Object> details = new LinkedHashMap<>();
        if (subscription != null) {
            details.put("subscriptionId", subscription.toString());
        }
        details.put("target", origin(url));
        details.put("reason", problem.get());
        audit.act(admin, TARGET_REFUSED, details);
    }

    private static Map<String, Object> target(UUID id, String name, String url) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("subscriptionId", id.toString());
        details.put("name", name);
        details.put("target", origin(url));
        return details;
    }

    /** scheme://host[:port] only: a URL's path or query may be a credential. */
    static String origin(String url) {
        try {
            URI uri = new URI(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return "(not a URL)";
        }
    }

    private static List<String> sorted(java.util.Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No webhook subscription " + id + ".");
    }

    private static RuleViolationException nameTaken(String name) {
        return new RuleViolationException("webhook-name-taken", "A webhook subscription named '" + name
                + "' exists; choose another name.");
    }
}
