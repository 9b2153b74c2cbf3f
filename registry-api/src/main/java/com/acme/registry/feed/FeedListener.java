package com.acme.registry.feed;

import java.util.List;

/**
 * What else happens with a batch of feed events: webhook deliveries are created in the batch's own transaction
 * (so they commit with the feed's token, exactly once) and sent after it commits.
 */
public interface FeedListener {

    /** In the batch's transaction, before it commits; a failure rolls the batch back and it is retried. */
    void written(List<FeedEvent> batch);

    /** After the batch committed. */
    void committed(List<FeedEvent> batch);
}
