-- A person's security stamp: bumped in the same transaction as every change to the password, the enabled flag or
-- the roles. A UI session remembers the stamp it signed in with and ends on its next request once they differ
-- (docs/security-accounts.md); read by primary key, so the check is one index lookup per request.
ALTER TABLE app_user ADD COLUMN security_stamp BIGINT NOT NULL DEFAULT 0;
