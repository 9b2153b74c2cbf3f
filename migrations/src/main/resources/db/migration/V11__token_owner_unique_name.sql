-- Issue 13: API tokens are machines acting for an owning person, hold machine roles only, and are named uniquely.
-- See docs/security-tokens.md ("What the upgrade did to existing tokens").

-- 1. Every token belongs to a person: existing tokens to the person who issued them. A token issued by a token (an
--    ADMIN token, no longer possible) has no owning person; it is revoked below.
ALTER TABLE api_token ADD COLUMN owner VARCHAR(64) REFERENCES app_user (username);

UPDATE api_token t SET owner = t.created_by
WHERE EXISTS (SELECT 1 FROM app_user u WHERE u.username = t.created_by);

-- 2. Approving, rejecting, acknowledging and administering are acts of a person: tokens holding a human role are
--    revoked (their rows stay: their names are actors in the history).
UPDATE api_token SET revoked_at = now(), revoked_by = 'registry:V11 human-only roles'
WHERE revoked_at IS NULL AND roles && ARRAY['RISK_REVIEWER', 'COMPLIANCE', 'ADMIN']::varchar[];

UPDATE api_token SET revoked_at = now(), revoked_by = 'registry:V11 no owning person'
WHERE revoked_at IS NULL AND owner IS NULL;

ALTER TABLE api_token ADD CONSTRAINT api_token_active_has_owner CHECK (owner IS NOT NULL OR revoked_at IS NOT NULL);

-- 3. Names are unique case-insensitively over every token ever issued. Of tokens sharing a name, the oldest keeps
--    it (created_at, then id); the others get "-2", "-3"… by age, skipping any suffix another token already has.
DO $$
DECLARE
    duplicate RECORD;
    suffix    INT;
    candidate VARCHAR(100);
BEGIN
    FOR duplicate IN
        SELECT id, name, rank FROM (
            SELECT id, name, row_number() OVER (PARTITION BY lower(name) ORDER BY created_at, id) AS rank
            FROM api_token) ranked
        WHERE rank > 1
        ORDER BY lower(name), rank
    LOOP
        suffix := duplicate.rank;
        LOOP
            candidate := left(duplicate.name, 100 - length('-' || suffix)) || '-' || suffix;
            EXIT WHEN NOT EXISTS (SELECT 1 FROM api_token WHERE lower(name) = lower(candidate));
            suffix := suffix + 1;
        END LOOP;
        UPDATE api_token SET name = candidate WHERE id = duplicate.id;
    END LOOP;
END $$;

CREATE UNIQUE INDEX api_token_name_unique ON api_token (lower(name));
CREATE INDEX api_token_owner ON api_token (owner);
