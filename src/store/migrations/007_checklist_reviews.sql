-- 007: documents you can tick (issue 14). Each document of a person of a case can be marked received,
-- accepted or rejected (with a comment), by hand or — received — when a scan of it is uploaded. One row per
-- case, person and document, not per procedure: a passport collected once counts for every procedure of
-- the checklist that asks for it. Its own version (a write carries the version read; 0 for none yet), and
-- who and when; every change is in the audit log. A new table: nothing stored is touched.
CREATE TABLE checklist_reviews (
  org_id      uuid NOT NULL,
  case_id     uuid NOT NULL,
  person_id   text NOT NULL,
  document    text NOT NULL CHECK (document ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  status      text NOT NULL CHECK (status IN ('received', 'accepted', 'rejected')),
  comment     text CHECK (comment IS NULL OR length(comment) BETWEEN 1 AND 2000),
  version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  -- The member who set it (NULL for an API token or the system), and the audit log's label of who.
  updated_by  uuid,
  updated_by_label text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, case_id, person_id, document),
  FOREIGN KEY (org_id, case_id) REFERENCES cases (org_id, case_id) ON DELETE CASCADE
);

ALTER TABLE checklist_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON checklist_reviews TO hqs_app
  USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org());
-- A member limited to some employers sees and ticks only their cases' documents (as 005 does for scans).
CREATE POLICY employer_scope ON checklist_reviews AS RESTRICTIVE TO hqs_app
  USING (hqs_employer_scope() IS NULL OR EXISTS (
    SELECT 1 FROM cases c WHERE c.org_id = checklist_reviews.org_id AND c.case_id = checklist_reviews.case_id))
  WITH CHECK (hqs_employer_scope() IS NULL OR EXISTS (
    SELECT 1 FROM cases c WHERE c.org_id = checklist_reviews.org_id AND c.case_id = checklist_reviews.case_id));
GRANT SELECT, INSERT, UPDATE, DELETE ON checklist_reviews TO hqs_app;
