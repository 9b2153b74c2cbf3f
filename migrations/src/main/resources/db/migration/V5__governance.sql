-- Governance read models: promotion requests and their approvals (processing group "governance"),
-- emergency rollbacks, and what serves where (processing group "serving"). Rebuildable: truncate and replay.

CREATE TABLE promotion_request (
    model_name             VARCHAR(63)  NOT NULL,
    request_number         INTEGER      NOT NULL,
    version                INTEGER      NOT NULL,
    environment            VARCHAR(100) NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    justification          TEXT         NOT NULL,
    validation_report_uri  TEXT,
    requested_by           VARCHAR(200) NOT NULL,
    requested_at           TIMESTAMPTZ  NOT NULL,
    risk_tier              VARCHAR(10)  NOT NULL,
    approval_required      BOOLEAN      NOT NULL,
    required_approvals     INTEGER      NOT NULL,
    approval_validity_days INTEGER      NOT NULL,
    granted_at             TIMESTAMPTZ,
    valid_until            TIMESTAMPTZ,
    rejected_by            VARCHAR(200),
    rejected_at            TIMESTAMPTZ,
    rejection_reason       TEXT,
    PRIMARY KEY (model_name, request_number)
);
CREATE INDEX promotion_request_pending ON promotion_request (requested_at) WHERE status = 'PENDING';

CREATE TABLE promotion_approval (
    model_name     VARCHAR(63)  NOT NULL,
    request_number INTEGER      NOT NULL,
    approved_by    VARCHAR(200) NOT NULL,
    comment        TEXT         NOT NULL,
    approved_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_name, request_number, approved_by)
);

CREATE TABLE model_rollback (
    model_name       VARCHAR(63)  NOT NULL,
    rollback_number  INTEGER      NOT NULL,
    environment      VARCHAR(100) NOT NULL,
    restored_version INTEGER      NOT NULL,
    replaced_version INTEGER      NOT NULL,
    reason           TEXT         NOT NULL,
    rolled_back_by   VARCHAR(200) NOT NULL,
    rolled_back_at   TIMESTAMPTZ  NOT NULL,
    emergency        BOOLEAN      NOT NULL,
    acknowledged_by  VARCHAR(200),
    acknowledged_at  TIMESTAMPTZ,
    acknowledgement  TEXT,
    PRIMARY KEY (model_name, rollback_number)
);

-- The hot path: one row per (model, environment) with everything a serving system needs.
CREATE TABLE serving_state (
    model_name          VARCHAR(63)  NOT NULL,
    environment         VARCHAR(100) NOT NULL,
    champion_version    INTEGER,
    champion_since      TIMESTAMPTZ,
    champion_uri        TEXT,
    champion_digest     VARCHAR(71),
    candidate_version   INTEGER,
    candidate_traffic   INTEGER,
    candidate_since     TIMESTAMPTZ,
    candidate_uri       TEXT,
    candidate_digest    VARCHAR(71),
    candidate_request   INTEGER,
    PRIMARY KEY (model_name, environment)
);

-- Artifacts, so the serving projection needs no other read model.
CREATE TABLE serving_artifact (
    model_name VARCHAR(63) NOT NULL,
    version    INTEGER     NOT NULL,
    uri        TEXT        NOT NULL,
    digest     VARCHAR(71) NOT NULL,
    PRIMARY KEY (model_name, version)
);

-- History of what served: one interval per champion or candidate (with its traffic), [valid_from, valid_to);
-- since is when the version took that role (a traffic change opens a new interval, not a new role).
-- opened_at is the event-store position that opened it, which makes replays idempotent.
CREATE TABLE serving_interval (
    model_name      VARCHAR(63)  NOT NULL,
    environment     VARCHAR(100) NOT NULL,
    role            VARCHAR(10)  NOT NULL,
    version         INTEGER      NOT NULL,
    traffic_percent INTEGER      NOT NULL,
    request_number  INTEGER,
    since           TIMESTAMPTZ  NOT NULL,
    valid_from      TIMESTAMPTZ  NOT NULL,
    valid_to        TIMESTAMPTZ,
    opened_at       BIGINT       NOT NULL,
    PRIMARY KEY (model_name, environment, role, opened_at)
);
CREATE INDEX serving_interval_lookup ON serving_interval (model_name, environment, valid_from);
