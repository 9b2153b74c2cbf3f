-- Labels set beside the registered facts (issue 15, the MLflow-compatible door): a version may be registered without
-- its artifact digest (completed later by VersionEvidenceCompleted), models and versions record when anything last
-- happened to them, and free aliases name versions. Rebuildable: truncate and replay (processing group read-models).

ALTER TABLE catalog_version ALTER COLUMN artifact_digest DROP NOT NULL;
ALTER TABLE serving_artifact ALTER COLUMN digest DROP NOT NULL;

-- The timestamp of the latest event of the model (or version); what the events would give for the rows of today.
ALTER TABLE catalog_model ADD COLUMN last_updated_at TIMESTAMPTZ;
UPDATE catalog_model SET last_updated_at = greatest(registered_at, retired_at);
ALTER TABLE catalog_model ALTER COLUMN last_updated_at SET NOT NULL;

ALTER TABLE catalog_version ADD COLUMN last_updated_at TIMESTAMPTZ;
UPDATE catalog_version SET last_updated_at = greatest(registered_at, archived_at);
ALTER TABLE catalog_version ALTER COLUMN last_updated_at SET NOT NULL;

-- Free aliases (not governed environments' champions, which are serving state): one version per (model, alias).
CREATE TABLE catalog_alias (
    model_name VARCHAR(63)  NOT NULL,
    alias      VARCHAR(255) NOT NULL,
    version    INTEGER      NOT NULL,
    set_by     VARCHAR(200),
    set_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (model_name, alias)
);
CREATE INDEX catalog_alias_version ON catalog_alias (model_name, version);
