-- 002: suspending a member in one organization, the member's last sign-in there, and invitations.
-- docs/storage.md explains them.

-- A suspended membership cannot sign in to its organization nor use a session in it; the user's other
-- organizations are not affected (users.disabled, by contrast, shuts the login out everywhere).
ALTER TABLE memberships ADD COLUMN disabled boolean NOT NULL DEFAULT false;
-- Set by each sign-in to this organization.
ALTER TABLE memberships ADD COLUMN last_login_at timestamptz;

-- An owner invites someone by email with a role (a specialist: with their case and person). The token
-- is shown once, in the answer to the owner; only its sha256 is kept. It expires after 7 days and is
-- used once (accepted_at).
CREATE TABLE invitations (
  org_id         uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  invitation_id  uuid NOT NULL,
  email          text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  role           text NOT NULL CHECK (role IN ('owner', 'manager', 'viewer', 'specialist')),
  case_id        uuid,
  person_id      text,
  token_hash     text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_by     uuid,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  accepted_at    timestamptz,
  accepted_by    uuid,
  PRIMARY KEY (org_id, invitation_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE,
  CHECK ((role = 'specialist') = (case_id IS NOT NULL)),
  CHECK ((role = 'specialist') = (person_id IS NOT NULL)),
  CHECK (expires_at > created_at)
);
-- Looked up by the token before the organization is known (like api_tokens and sessions).
CREATE UNIQUE INDEX invitations_hash_key ON invitations (token_hash);
CREATE INDEX invitations_pending_idx ON invitations (org_id, expires_at) WHERE accepted_at IS NULL;

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON invitations TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO hqs_app;
