-- 006: Idempotency-Key on create requests (docs/api.md). A client that retries a create (a timeout, a
-- lost answer) sends the same key and gets the first answer back instead of a second case. Keys are per
-- organization and route, remembered with a hash of the request and the answer, and purged after they
-- expire by the hourly housekeeping. Tenant data like the others (row-level security); a new table, so
-- nothing stored is touched.
CREATE TABLE idempotency_keys (
  org_id        uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  route         text NOT NULL,
  key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
  -- sha256 of the request (body and parameters) the key was first used with.
  request_hash  text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  -- NULL while the first request is being served; then its status and body.
  status        integer,
  response      jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (org_id, route, key)
);
CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON idempotency_keys TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO hqs_app;
