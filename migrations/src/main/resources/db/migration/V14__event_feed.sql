-- Issue 16: the event feed (a stream and webhooks), built by its own tracking processor ("event-feed").

-- Every event of the event store as the feed publishes it, by global position (the event's id on the feed).
-- Written by the feed's processor in the same transaction as its token; never reset by a read-model rebuild,
-- because webhook deliveries are created from the same batches. `body` is the published JSON, ready to send.
CREATE TABLE feed_event (
    position       bigint PRIMARY KEY,
    type           text        NOT NULL,
    category       text        NOT NULL,
    model          text        NOT NULL,
    version        integer,
    environment    text,
    actor          text,
    occurred_at    timestamptz NOT NULL,
    -- PromotionRequested: its request number; RolledBack: its rollback number (what later events name it by)
    subject_number integer,
    body           text        NOT NULL
);
CREATE INDEX feed_event_model ON feed_event (model, position);
-- approvals, rejections and acknowledgements name their request or rollback by number: its version and
-- environment are found here
CREATE INDEX feed_event_subject ON feed_event (model, type, subject_number) WHERE subject_number IS NOT NULL;

CREATE TABLE webhook_subscription (
    id                uuid PRIMARY KEY,
    name              text        NOT NULL,
    url               text        NOT NULL,
    event_types       text[]      NOT NULL DEFAULT '{}',
    models            text[]      NOT NULL DEFAULT '{}',
    environments      text[]      NOT NULL DEFAULT '{}',
    -- AES-256-GCM of the signing secret (12-byte nonce, then ciphertext and tag), the subscription's id as
    -- associated data; the key is a file outside the database (registry.webhooks.secret-key-file)
    secret_ciphertext bytea       NOT NULL,
    secret_key_id     text        NOT NULL,
    enabled           boolean     NOT NULL DEFAULT true,
    -- set when a delivery ran out of retries: deliveries are held until an admin resumes the subscription
    failing_since     timestamptz,
    -- events after this position are delivered
    start_position    bigint      NOT NULL,
    created_by        text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_by        text,
    updated_at        timestamptz,
    deleted_by        text,
    deleted_at        timestamptz
);
CREATE UNIQUE INDEX webhook_subscription_name ON webhook_subscription (name) WHERE deleted_at IS NULL;

CREATE TABLE webhook_delivery (
    id              uuid PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES webhook_subscription (id),
    position        bigint      NOT NULL REFERENCES feed_event (position),
    event_type      text        NOT NULL,
    model           text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    retry_until     timestamptz NOT NULL,
    delivered_at    timestamptz,
    last_status     integer,
    last_latency_ms integer,
    last_error      text,
    -- who asked for this delivery again (null: the event's own delivery)
    requested_by    text
);
-- the next delivery of each (subscription, model): deliveries of one model go out in position order
CREATE INDEX webhook_delivery_pending ON webhook_delivery (subscription_id, model, position) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, position DESC, created_at DESC);

CREATE TABLE webhook_attempt (
    delivery_id      uuid        NOT NULL REFERENCES webhook_delivery (id),
    attempt          integer     NOT NULL,
    started_at       timestamptz NOT NULL,
    status           integer,
    latency_ms       integer     NOT NULL,
    error            text,
    response_excerpt text,
    PRIMARY KEY (delivery_id, attempt)
);
