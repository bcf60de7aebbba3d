-- 005: running a portfolio (issue 14). A case has an assignee — a member of the organization, or nobody —
-- and a member (a manager or a viewer) may be limited to some employers. Both are new nullable columns:
-- nothing stored changes meaning, every existing case is unassigned and every member keeps seeing all.

-- Who works the case: a member's user id, or NULL. Not part of the hqs-case/1 document (no version bump).
-- No foreign key to memberships (a composite SET NULL would clear org_id too): removing a member clears
-- their assignments in the same transaction (src/store/memberships.ts).
ALTER TABLE cases ADD COLUMN assignee_user_id uuid;
CREATE INDEX cases_assignee_idx ON cases (org_id, assignee_user_id, status);

-- The employers a member may see and change; NULL: all of them (the default). An empty array: none.
ALTER TABLE memberships ADD COLUMN employer_scope uuid[];

-- The scope of the transaction's actor, as inTenant sets it (NULL: not limited).
CREATE FUNCTION hqs_employer_scope() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('hqs.employer_scope', true), '')::uuid[] $$;

-- Restrictive policies: they narrow the tenant policy (both must hold) for reads and writes alike, so a
-- limited member can neither see nor change another employer's cases, whatever query asks. For the rows
-- that name no employer, through their case (which is itself limited by the policy on cases).
CREATE POLICY employer_scope ON employers AS RESTRICTIVE TO hqs_app
  USING (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()))
  WITH CHECK (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()));
CREATE POLICY employer_scope ON cases AS RESTRICTIVE TO hqs_app
  USING (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()))
  WITH CHECK (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()));
CREATE POLICY employer_scope ON obligations AS RESTRICTIVE TO hqs_app
  USING (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()))
  WITH CHECK (hqs_employer_scope() IS NULL OR employer_id = ANY (hqs_employer_scope()));
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['case_people', 'documents', 'evaluations'] LOOP
    EXECUTE format(
      'CREATE POLICY employer_scope ON %I AS RESTRICTIVE TO hqs_app
         USING (hqs_employer_scope() IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.org_id = %I.org_id AND c.case_id = %I.case_id))
         WITH CHECK (hqs_employer_scope() IS NULL OR EXISTS (SELECT 1 FROM cases c WHERE c.org_id = %I.org_id AND c.case_id = %I.case_id))',
      t, t, t, t, t);
  END LOOP;
END
$$;
