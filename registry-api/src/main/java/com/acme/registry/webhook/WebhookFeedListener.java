package com.acme.registry.webhook;

import com.acme.registry.feed.EventTypes;
import com.acme.registry.feed.FeedEvent;
import com.acme.registry.feed.FeedFilter;
import com.acme.registry.feed.FeedListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Queues a delivery for every subscription an event matches, in the feed batch's own transaction: the deliveries
 * commit with the feed's token, so each event is queued exactly once, a crash before the commit queues the batch
 * again, and no delivery exists for an event that is not in the event store. A subscription receives the events the
 * feed writes after it was created (its start position, taken under the feed's lock).
 */
@Component
class WebhookFeedListener implements FeedListener {

    private final Subscriptions subscriptions;
    private final DeliveryLog deliveries;
    private final WebhookDispatcher dispatcher;
    private final WebhookProperties properties;
    private final Clock clock = Clock.systemUTC();
    /** The queues the batch being written got deliveries in (the feed's one processor thread writes and commits). */
    private Set<WebhookDispatcher.Queue> written = Set.of();

    WebhookFeedListener(Subscriptions subscriptions, DeliveryLog deliveries, WebhookDispatcher dispatcher,
                        WebhookProperties properties) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    @Override
    public void written(List<FeedEvent> batch) {
        written = Set.of();
        if (batch.isEmpty()) {
            return;
        }
        List<DeliveryLog.NewDelivery> queued = new ArrayList<>();
        for (Subscription subscription : subscriptions.receiving()) {
            FeedFilter filter = new FeedFilter(FeedFilter.expandCategories(subscription.types()),
                    new HashSet<>(subscription.models()), new HashSet<>(subscription.environments()),
                    EnumSet.allOf(EventTypes.Category.class));
            for (FeedEvent event : batch) {
                if (event.position() > subscription.startPosition() && filter.matches(event)) {
                    queued.add(new DeliveryLog.NewDelivery(subscription.id(), event));
                }
            }
        }
        if (!queued.isEmpty()) {
            Instant now = clock.instant();
            deliveries.create(queued, now, now.plus(properties.retryFor()));
            Set<WebhookDispatcher.Queue> queues = new HashSet<>();
            queued.forEach(d -> queues.add(new WebhookDispatcher.Queue(d.subscriptionId(), d.event().model())));
            written = queues;
        }
    }

    @Override
    public void committed(List<FeedEvent> batch) {
        Set<WebhookDispatcher.Queue> queues = written;
        written = Set.of();
        dispatcher.queued(queues);
    }
}
