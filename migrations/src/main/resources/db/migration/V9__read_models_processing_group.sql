-- From this version on, the catalog, governance and serving projections are one processing group, read-models: each
-- event is read and deserialised once, and a batch of events is one transaction with one token instead of three
-- (docs/benchmarks.md). Where the three old groups stood at the same position, as after a clean stop, the new group
-- goes on from there. Otherwise their read models are emptied, and the new group rebuilds them from the event store
-- when the registry starts, as POST /api/v1/admin/read-models/rebuild would.
DO $$
BEGIN
    IF (SELECT count(*) FROM token_entry WHERE processor_name IN ('catalog', 'governance', 'serving')) = 3
        AND (SELECT count(DISTINCT token) FROM token_entry
             WHERE processor_name IN ('catalog', 'governance', 'serving') AND token IS NOT NULL) = 1
        AND (SELECT count(DISTINCT segment) FROM token_entry
             WHERE processor_name IN ('catalog', 'governance', 'serving')) = 1 THEN
        INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
        SELECT 'read-models', segment, token, token_type, timestamp, NULL
        FROM token_entry WHERE processor_name = 'catalog';
    ELSE
        TRUNCATE catalog_version_metric, catalog_version, catalog_model,
            promotion_request, promotion_approval, model_rollback, rollout_start, model_release,
            serving_state, serving_artifact, serving_interval;
    END IF;
    DELETE FROM token_entry WHERE processor_name IN ('catalog', 'governance', 'serving');
END
$$;
