-- Catalog read models, projected from the event store by the "catalog" processing group.
-- Rebuildable: truncate and replay.

CREATE TABLE catalog_model (
    name              VARCHAR(63)  NOT NULL PRIMARY KEY,
    description       TEXT,
    owner_team        VARCHAR(200) NOT NULL,
    risk_tier         VARCHAR(10)  NOT NULL,
    intended_use      TEXT         NOT NULL,
    use_restrictions  TEXT,
    tags              JSONB        NOT NULL DEFAULT '{}',
    status            VARCHAR(16)  NOT NULL,
    registered_by VARCHAR(200),
    registered_at     TIMESTAMPTZ  NOT NULL,
    retired_at        TIMESTAMPTZ,
    retired_by VARCHAR(200),
    retirement_reason TEXT,
    latest_version    INTEGER      NOT NULL DEFAULT 0,
    version_count     INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX catalog_model_owner_team ON catalog_model (owner_team);
CREATE INDEX catalog_model_tags ON catalog_model USING gin (tags jsonb_path_ops);

CREATE TABLE catalog_version (
    model_name          VARCHAR(63)  NOT NULL,
    version             INTEGER      NOT NULL,
    artifact_uri        TEXT         NOT NULL,
    artifact_digest     VARCHAR(71)  NOT NULL,
    artifact_size_bytes BIGINT,
    framework           VARCHAR(200),
    signature           JSONB,
    metrics             JSONB        NOT NULL DEFAULT '{}',
    params              JSONB        NOT NULL DEFAULT '{}',
    training_run        JSONB,
    source              JSONB,
    datasets            JSONB        NOT NULL DEFAULT '[]',
    features            JSONB        NOT NULL DEFAULT '[]',
    parent_version      INTEGER,
    description         TEXT,
    tags                JSONB        NOT NULL DEFAULT '{}',
    status              VARCHAR(16)  NOT NULL,
    registered_by VARCHAR(200),
    registered_at       TIMESTAMPTZ  NOT NULL,
    archived_at         TIMESTAMPTZ,
    archived_by VARCHAR(200),
    archive_reason      TEXT,
    PRIMARY KEY (model_name, version)
);

-- One row per metric, so versions can be filtered and compared on a metric with an index.
CREATE TABLE catalog_version_metric (
    model_name VARCHAR(63)      NOT NULL,
    version    INTEGER          NOT NULL,
    metric     VARCHAR(100)     NOT NULL,
    value      DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (model_name, version, metric)
);
CREATE INDEX catalog_version_metric_value ON catalog_version_metric (model_name, metric, value);
