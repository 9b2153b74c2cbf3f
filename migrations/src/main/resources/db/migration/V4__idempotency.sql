-- Idempotency-Key records, written in the same transaction as the events of the command they guard.

CREATE TABLE idempotency_key (
    principal    VARCHAR(200)  NOT NULL,
    key          VARCHAR(200) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    resource     VARCHAR(300) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (principal, key)
);
