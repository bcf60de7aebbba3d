-- 004: spreadsheet import mappings saved per organization (docs/import-export.md): which column of an
-- agency's sheet holds which field of hqs-case/1, and the defaults for what such sheets rarely say.
-- Tenant data like the others: org_id first in every key, and the same row-level security policy.
CREATE TABLE import_mappings (
  org_id      uuid NOT NULL REFERENCES organizations (org_id) ON DELETE CASCADE,
  mapping_id  uuid NOT NULL,
  name        text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
  -- The name lower-cased by the application (the same whatever the database's collation: lower() of a
  -- Cyrillic name depends on it), for finding a mapping by name in any case.
  name_key    text NOT NULL,
  -- An hqs-import-mapping/1 document: { format, columns: { header: field | null }, defaults? }.
  mapping     jsonb NOT NULL CHECK (mapping ->> 'format' = 'hqs-import-mapping/1'),
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, mapping_id)
);
CREATE UNIQUE INDEX import_mappings_name_key ON import_mappings (org_id, name_key);

ALTER TABLE import_mappings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant ON import_mappings TO hqs_app USING (org_id = hqs_current_org()) WITH CHECK (org_id = hqs_current_org());
GRANT SELECT, INSERT, UPDATE, DELETE ON import_mappings TO hqs_app;
