-- Lineage and compliance read models. Rebuildable: truncate and replay (processing group "governance").

-- "Which versions used dataset X?": containment queries (datasets @> '[{"name": "x"}]') on the evidence.
CREATE INDEX catalog_version_datasets ON catalog_version USING gin (datasets jsonb_path_ops);

-- "Where did version V serve?": every interval of one version.
CREATE INDEX serving_interval_version ON serving_interval (model_name, version);

-- The request each rollout was started with, keyed by the event-store position of its RolloutStarted; the
-- completion that follows it in the same (model, environment) looks it up.
CREATE TABLE rollout_start (
    position       BIGINT       NOT NULL PRIMARY KEY,
    model_name     VARCHAR(63)  NOT NULL,
    environment    VARCHAR(100) NOT NULL,
    version        INTEGER      NOT NULL,
    request_number INTEGER
);
CREATE INDEX rollout_start_lookup ON rollout_start (model_name, environment, position);

-- Every time a version became an environment's champion: by a completed rollout (ROLLOUT) or by a rollback
-- (ROLLBACK). Keyed by the event-store position of that event, which makes replays idempotent.
-- request_number: the promotion request the rollout was started with; for a rollback, that of the release
-- that made the restored version champion before.
CREATE TABLE model_release (
    position         BIGINT       NOT NULL PRIMARY KEY,
    model_name       VARCHAR(63)  NOT NULL,
    environment      VARCHAR(100) NOT NULL,
    version          INTEGER      NOT NULL,
    kind             VARCHAR(10)  NOT NULL,
    released_at      TIMESTAMPTZ  NOT NULL,
    released_by      VARCHAR(200),
    replaced_version INTEGER,
    request_number   INTEGER,
    rollback_number  INTEGER
);
CREATE INDEX model_release_period ON model_release (environment, released_at);
CREATE INDEX model_release_model ON model_release (model_name, environment, version, position);
