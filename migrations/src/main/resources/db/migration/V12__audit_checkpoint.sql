-- Signed checkpoints of the audit chain's head (docs/security-checkpoints.md). Each row keeps the signed document
-- exactly as it was written to its file; like the audit log, the table is append-only. A database superuser can
-- still change it, which is why the copies kept outside the database are the ones that count.

CREATE TABLE audit_checkpoint (
    sequence  BIGINT      NOT NULL PRIMARY KEY,
    taken_at  TIMESTAMPTZ NOT NULL,
    document  TEXT        NOT NULL
);

CREATE TRIGGER audit_checkpoint_immutable
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_event_change();
