-- 010: password resets and calendar feeds (issue 15). New tables only: nothing stored changes.

-- A password reset: a one-time token (only its sha256 is kept), for one user, until it expires or is
-- used. Not tenant data (an account may belong to several organizations): like login_attempts, no grant
-- to hqs_app — only system transactions touch it.
CREATE TABLE password_resets (
  token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id     uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  -- Where it was asked from ('cli' for hqs admin reset-password), for the record.
  requested_from text
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id, created_at);

-- A member's secret calendar subscription (webcal): the sha256 of its token, per member and
-- organization; one live feed each (a new one revokes the old). Tenant data, row-level security as 005.
CREATE TABLE calendar_feeds (
  org_id      uuid NOT NULL,
  user_id     uuid NOT NULL,
  token_hash  text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz,
  last_used_at timestamptz,
  FOREIGN KEY (org_id, user_id) REFERENCES memberships (org_id, user_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX calendar_feeds_live_idx ON calendar_feeds (org_id, user_id) WHERE revoked_at IS NULL;

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON calendar_feeds TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON calendar_feeds TO hqs_app;
