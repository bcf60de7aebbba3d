-- 001: the whole first schema of HQS Desk. docs/storage.md explains each table and the choices.
--
-- Tenancy: every table holding an organization's data has `org_id`, the distribution key. Its primary key
-- and unique keys begin with org_id, and foreign keys between tenant tables include it, so that (a) on
-- Citus every key and join stays on one shard, and (b) a row can never point at another organization's
-- row. Row-level security is the second wall: the policies below let the application role (hqs_app) see
-- and write only the rows of the organization named by the transaction's `hqs.org_id` setting.
--
-- Not tenant data, and so without org_id: `users` (one login may belong to several organizations; read
-- through memberships), `login_attempts` (throttling before anyone is known) and `schema_migrations`.

-- ——— The application role ———
-- A role without login, superuser or BYPASSRLS; tenant transactions switch to it (SET LOCAL ROLE) so the
-- policies apply even when the connection itself is the owner or a superuser. Roles are per cluster, so it
-- may exist already (another database on the same server).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hqs_app') THEN
    CREATE ROLE hqs_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
  BEGIN
    EXECUTE format('GRANT hqs_app TO %I', current_user);
  EXCEPTION WHEN insufficient_privilege OR invalid_grant_operation THEN
    IF NOT pg_has_role(current_user, 'hqs_app', 'MEMBER') THEN
      RAISE EXCEPTION 'role % cannot switch to hqs_app: run GRANT hqs_app TO % as an administrator', current_user, current_user;
    END IF;
  END;
END
$$;

-- The organization of the current transaction (NULL when none is set: then the policies match nothing).
CREATE FUNCTION hqs_current_org() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('hqs.org_id', true), '')::uuid $$;

-- ——— Organizations and people who sign in ———

CREATE TABLE organizations (
  org_id      uuid PRIMARY KEY,
  name        text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));

CREATE TABLE users (
  user_id        uuid PRIMARY KEY,
  email          text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  name           text,
  -- scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>: the parameters travel with the hash.
  password_hash  text NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
  disabled       boolean NOT NULL DEFAULT false,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- ——— Employers and cases ———

CREATE TABLE employers (
  org_id       uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  employer_id  uuid NOT NULL,
  name         text NOT NULL,
  inn          text NOT NULL CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'),
  kind         text NOT NULL,
  -- Lower-cased name and INN for searching, computed by the application (the same on any collation).
  search       text NOT NULL DEFAULT '',
  -- The employer as a case file writes it (hqs-case/1 `employer`): name, inn, kind and the optional facts.
  data         jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, employer_id),
  UNIQUE (org_id, inn)
);

CREATE TABLE cases (
  org_id                   uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  case_id                  uuid NOT NULL,
  employer_id              uuid NOT NULL,
  -- The case file's own `id` (free text from the agency's system), unique in the organization.
  external_id              text,
  -- The hqs-case/1 document itself: the truth; the columns below are copies for searching and sorting.
  data                     jsonb NOT NULL CHECK (data ->> 'format' = 'hqs-case/1'),
  principal_name           text NOT NULL,
  principal_name_cyrillic  text,
  principal_citizenship    text,
  contract_start           date,
  contract_end             date,
  -- Lower-cased names (Latin and Cyrillic), emails and the case's own id of everyone in the case, for
  -- searching; computed by the application so it is the same whatever the database's collation.
  search                   text NOT NULL DEFAULT '',
  status                   text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- Derived by the last evaluation: the principal's next plan step, or 'complete'. NULL until evaluated.
  stage                    text,
  version                  integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  created_by               uuid,
  updated_by               uuid,
  PRIMARY KEY (org_id, case_id),
  FOREIGN KEY (org_id, employer_id) REFERENCES employers (org_id, employer_id)
);
CREATE UNIQUE INDEX cases_external_id_key ON cases (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX cases_status_updated_idx ON cases (org_id, status, updated_at DESC, case_id);
CREATE INDEX cases_employer_idx ON cases (org_id, employer_id);
CREATE INDEX cases_stage_idx ON cases (org_id, stage);

-- People of a case, copied from the case JSON on every write (never edited on their own): searching by
-- name or email across the portfolio, and linking a specialist's login to their person.
CREATE TABLE case_people (
  org_id          uuid NOT NULL,
  case_id         uuid NOT NULL,
  person_id       text NOT NULL,
  role            text NOT NULL CHECK (role IN ('principal', 'family')),
  relation        text,
  name_latin      text NOT NULL,
  name_cyrillic   text,
  birth_date      date,
  citizenships    text[] NOT NULL DEFAULT '{}',
  email           text,
  PRIMARY KEY (org_id, case_id, person_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE
);
CREATE INDEX case_people_email_idx ON case_people (org_id, lower(email)) WHERE email IS NOT NULL;

-- ——— Memberships (roles) ———

CREATE TABLE memberships (
  org_id      uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  role        text NOT NULL CHECK (role IN ('owner', 'manager', 'viewer', 'specialist')),
  -- A specialist sees one case (theirs and their family's); person_id says which person they are.
  case_id     uuid,
  person_id   text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE,
  CHECK ((role = 'specialist') = (case_id IS NOT NULL)),
  CHECK (person_id IS NULL OR case_id IS NOT NULL)
);
CREATE INDEX memberships_user_idx ON memberships (user_id);

-- ——— Documents (metadata; the bytes are files named by their sha256) ———

CREATE TABLE documents (
  org_id       uuid NOT NULL,
  document_id  uuid NOT NULL,
  case_id      uuid NOT NULL,
  person_id    text NOT NULL,
  type         text NOT NULL CHECK (type ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  file_name    text,
  sha256       text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size         bigint NOT NULL CHECK (size >= 0),
  media_type   text NOT NULL,
  uploaded_by  uuid,
  uploaded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, document_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE,
  UNIQUE (org_id, case_id, person_id, type, sha256)
);
CREATE INDEX documents_case_idx ON documents (org_id, case_id);
CREATE INDEX documents_sha256_idx ON documents (sha256);

-- ——— Evaluations and obligations (derived: recomputed from the case at any time) ———

-- The latest evaluation of each case: figures copied out, and the summary of the engine's hqs-evaluation/1
-- output (eligibility, findings; the obligations are rows below; plan, checklist and grounds are recomputed
-- when one case is shown — see docs/storage.md).
CREATE TABLE evaluations (
  org_id        uuid NOT NULL,
  case_id       uuid NOT NULL,
  as_of         date NOT NULL,
  law_version   date NOT NULL,
  case_version  integer NOT NULL,
  evaluated_at  timestamptz NOT NULL DEFAULT now(),
  eligibility   text NOT NULL,
  stage         text NOT NULL,
  errors        integer NOT NULL DEFAULT 0,
  warnings      integer NOT NULL DEFAULT 0,
  infos         integer NOT NULL DEFAULT 0,
  summary       jsonb NOT NULL CHECK (summary ->> 'format' = 'hqs-evaluation/1'),
  PRIMARY KEY (org_id, case_id),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE
);

-- One row per obligation of the latest evaluation: the portfolio view across all cases.
CREATE TABLE obligations (
  org_id         uuid NOT NULL,
  case_id        uuid NOT NULL,
  obligation_id  text NOT NULL,
  employer_id    uuid NOT NULL,
  kind           text NOT NULL,
  person_id      text NOT NULL,
  due            date NOT NULL,
  window_from    date NOT NULL,
  window_to      date NOT NULL,
  status         text NOT NULL CHECK (status IN ('done', 'upcoming', 'due', 'overdue', 'not-applicable')),
  done_on        date,
  late           boolean NOT NULL DEFAULT false,
  measure        jsonb,
  as_of          date NOT NULL,
  PRIMARY KEY (org_id, case_id, obligation_id),
  FOREIGN KEY (org_id, case_id) REFERENCES evaluations (org_id, case_id) ON DELETE CASCADE
);
CREATE INDEX obligations_status_due_idx ON obligations (org_id, status, due);
CREATE INDEX obligations_due_idx ON obligations (org_id, due);
CREATE INDEX obligations_employer_due_idx ON obligations (org_id, employer_id, due);
CREATE INDEX obligations_kind_due_idx ON obligations (org_id, kind, due);

-- ——— Audit log (append-only) ———

CREATE TABLE audit_log (
  org_id         uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  seq            bigserial NOT NULL,
  at             timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id  uuid,
  -- Who, in words: user:<email>, token:<prefix>, cli, system:sweep.
  actor          text NOT NULL,
  action         text NOT NULL,
  entity         text NOT NULL,
  entity_id      text,
  ip             text,
  details        jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (org_id, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (org_id, entity, entity_id);
CREATE INDEX audit_log_at_idx ON audit_log (org_id, at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- ——— API tokens and sessions (secrets stored as sha256; the plain value is shown once) ———

CREATE TABLE api_tokens (
  org_id        uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  token_id      uuid NOT NULL,
  name          text NOT NULL CHECK (btrim(name) <> ''),
  role          text NOT NULL CHECK (role IN ('manager', 'viewer')),
  prefix        text NOT NULL,
  token_hash    text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  created_by    uuid,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  PRIMARY KEY (org_id, token_id)
);
CREATE UNIQUE INDEX api_tokens_hash_key ON api_tokens (token_hash);

CREATE TABLE sessions (
  org_id        uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  session_id    uuid NOT NULL,
  user_id       uuid NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
  token_hash    text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  csrf_secret   text NOT NULL,
  ip            text,
  user_agent    text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (org_id, session_id)
);
CREATE UNIQUE INDEX sessions_hash_key ON sessions (token_hash);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE TABLE login_attempts (
  attempt_id  bigserial PRIMARY KEY,
  email       text NOT NULL,
  ip          text,
  ok          boolean NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

-- ——— Row-level security ———

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'employers', 'cases', 'case_people', 'memberships', 'documents',
                           'evaluations', 'obligations', 'audit_log', 'api_tokens', 'sessions'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant ON %I TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org())', t);
  END LOOP;
END
$$;

-- Users are visible to an organization through its memberships (whose own policy limits them to it).
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY members ON users FOR SELECT TO hqs_app
  USING (EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.user_id));

GRANT USAGE ON SCHEMA public TO hqs_app;
GRANT SELECT ON organizations, users TO hqs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON employers, cases, case_people, memberships, documents,
  evaluations, obligations, api_tokens, sessions TO hqs_app;
-- Append-only for the application: no UPDATE or DELETE (and the trigger refuses them for everyone).
GRANT SELECT, INSERT ON audit_log TO hqs_app;
GRANT USAGE ON SEQUENCE audit_log_seq_seq TO hqs_app;
-- login_attempts and schema_migrations: no grant (only system transactions touch them).
