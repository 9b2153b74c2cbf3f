-- The audit log: every domain event and every security event (failed sign-in, refused request), hash-chained
-- as it is written (docs/audit-trail.md). Not a rebuildable read model: security events exist only here.

CREATE TABLE audit_record (
    sequence       BIGINT       NOT NULL PRIMARY KEY,
    position       BIGINT       UNIQUE,
    recorded_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(200),
    action         VARCHAR(100) NOT NULL,
    model          VARCHAR(63),
    version        INTEGER,
    environment    VARCHAR(100),
    reason         TEXT,
    correlation_id VARCHAR(128),
    details        TEXT         NOT NULL,
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL
);
CREATE INDEX audit_record_model ON audit_record (model, sequence);
CREATE INDEX audit_record_actor ON audit_record (actor, sequence);
CREATE INDEX audit_record_action ON audit_record (action, sequence);
CREATE INDEX audit_record_time ON audit_record (recorded_at);

CREATE TRIGGER audit_record_immutable
    BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
