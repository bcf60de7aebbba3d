-- 008: a shareable self-check (issue 14). A specialist sends their self-check answers to an agency as a
-- one-time code: the answers (the hqs-case/1 document the self-check builds) are kept here under the
-- code's sha256 — never the code itself, never in a URL — until an agency member redeems it into a case or
-- it expires (the hourly housekeeping deletes expired rows). Redeeming empties the answers and records which
-- organization took them, so a second use is told apart from a wrong code.
--
-- Not one organization's data until redeemed: written by the public route and read on redeeming through
-- the system connection only. Row-level security is on with no policy for hqs_app, so the application role
-- can neither read nor write it (the second wall, as for every table).
CREATE TABLE selfcheck_codes (
  code_hash    text PRIMARY KEY CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  -- The hqs-case/1 document built from the answers; NULL once redeemed.
  answers      jsonb CHECK (answers IS NULL OR answers ->> 'format' = 'hqs-case/1'),
  -- The language the specialist answered in (en, ru, zh).
  lang         text NOT NULL CHECK (lang IN ('en', 'ru', 'zh')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  redeemed_at  timestamptz,
  redeemed_org uuid REFERENCES organizations (org_id) ON DELETE SET NULL,
  CHECK ((redeemed_at IS NULL) = (answers IS NOT NULL))
);
CREATE INDEX selfcheck_codes_expires_idx ON selfcheck_codes (expires_at);

ALTER TABLE selfcheck_codes ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON selfcheck_codes FROM hqs_app;
