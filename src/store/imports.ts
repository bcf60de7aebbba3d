// The store's side of spreadsheet import: mappings saved per organization (table import_mappings), and
// finding the stored cases a file's rows are — by the case's own id (external_id) or by a person's
// passport (country and number, among the passports and the passport documents of every person).
import { randomUUID } from 'node:crypto';
import type { Case } from '../case/index.ts';
import { requirePortfolio, requireWrite, type Actor } from './actor.ts';
import { canonicalCase } from './cases.ts';
import { inTenant, jsonb, requireUuid, type Db } from './db.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';

export interface SavedImportMapping {
  mappingId: string;
  name: string;
  /** The hqs-import-mapping/1 document (checked by src/sheets parseMapping before it is saved). */
  mapping: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

interface MappingRow {
  mapping_id: string;
  name: string;
  mapping: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const toMapping = (r: MappingRow): SavedImportMapping => ({
  mappingId: r.mapping_id,
  name: r.name,
  mapping: r.mapping,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw Invalid.one('name', 'the mapping needs a name');
  const n = name.trim().replace(/\s+/g, ' ');
  if (n.length > 200) throw Invalid.one('name', `at most 200 characters (got ${n.length})`);
  return n;
}

export async function listImportMappings(db: Db, actor: Actor): Promise<SavedImportMapping[]> {
  requirePortfolio(actor, 'import mappings');
  const rows = await inTenant(
    db,
    actor,
    (tx) => tx.query<MappingRow>('SELECT * FROM import_mappings ORDER BY name_key, mapping_id'),
    { readOnly: true },
  );
  return rows.map(toMapping);
}

/** A saved mapping by id or by name (case-insensitive). */
export async function getImportMapping(db: Db, actor: Actor, idOrName: string): Promise<SavedImportMapping> {
  requirePortfolio(actor, 'import mappings');
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      /^[0-9a-f-]{36}$/i.test(idOrName)
        ? tx.query<MappingRow>('SELECT * FROM import_mappings WHERE mapping_id = $1::uuid', [idOrName])
        : tx.query<MappingRow>('SELECT * FROM import_mappings WHERE name_key = $1', [nameKey(idOrName)]),
    { readOnly: true },
  );
  if (!rows[0]) throw new NotFound('import mapping', idOrName);
  return toMapping(rows[0]);
}

/** Saves a mapping under a name: a new one, or the one of that name replaced. */
export async function saveImportMapping(
  db: Db,
  actor: Actor,
  name: string,
  mapping: Record<string, unknown>,
): Promise<SavedImportMapping> {
  requireWrite(actor, 'saving an import mapping');
  const n = checkName(name);
  if (mapping.format !== 'hqs-import-mapping/1') throw Invalid.one('mapping.format', 'expected "hqs-import-mapping/1"');
  return inTenant(db, actor, async (tx) => {
    let rows: MappingRow[];
    try {
      rows = await tx.query<MappingRow>(
        `INSERT INTO import_mappings (org_id, mapping_id, name, name_key, mapping, created_by) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
         ON CONFLICT (org_id, name_key) DO UPDATE SET mapping = EXCLUDED.mapping, name = EXCLUDED.name, updated_at = now()
         RETURNING *`,
        [actor.orgId, randomUUID(), n, nameKey(n), jsonb(mapping), actor.userId],
      );
    } catch (e) {
      if (sqlState(e) === '23505')
        throw new Conflict(`an import mapping named "${n}" already exists`, { field: 'name' });
      throw e;
    }
    // Not audited yet: the web's audit vocabulary (web/src/app/pages/vocab.ts) has no words for it.
    return toMapping(rows[0]!);
  });
}

export async function deleteImportMapping(db: Db, actor: Actor, mappingId: string): Promise<void> {
  requireWrite(actor, 'deleting an import mapping');
  const id = requireUuid(mappingId, 'import mapping');
  await inTenant(db, actor, async (tx) => {
    const rows = await tx.query<{ name: string }>('DELETE FROM import_mappings WHERE mapping_id = $1 RETURNING name', [
      id,
    ]);
    if (rows.length === 0) throw new NotFound('import mapping', mappingId);
  });
}

/** A stored case an import may update. */
export interface ImportMatch {
  caseId: string;
  externalId: string | null;
  version: number;
  status: 'open' | 'closed';
  case: Case;
  /** The passport keys (COUNTRY:NUMBER) of its people, from passports and passport documents. */
  passportKeys: string[];
}

/**
 * The stored cases with one of these external ids, or holding one of these passports (keys COUNTRY:NUMBER,
 * the number upper-cased without spaces, dashes, «№» or #). One query for the whole file; reading them is
 * not audited as a case read (the import's own entries say what it changed).
 */
export async function findCasesForImport(
  db: Db,
  actor: Actor,
  keys: { externalIds: readonly string[]; passportKeys: readonly string[] },
): Promise<ImportMatch[]> {
  requireWrite(actor, 'importing cases');
  if (keys.externalIds.length === 0 && keys.passportKeys.length === 0) return [];
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<{
        case_id: string;
        external_id: string | null;
        version: number;
        status: 'open' | 'closed';
        data: Case;
        keys: string[] | null;
      }>(
        `WITH k AS (
           SELECT c.case_id, (x.country || ':' || upper(regexp_replace(x.number, '[[:space:]№#-]', '', 'g'))) AS key
           FROM cases c
           CROSS JOIN LATERAL (
             SELECT pp ->> 'country' AS country, pp ->> 'number' AS number
             FROM jsonb_array_elements(c.data -> 'people') p, jsonb_array_elements(coalesce(p -> 'passports', '[]'::jsonb)) pp
             UNION ALL
             SELECT d ->> 'country', d ->> 'number'
             FROM jsonb_array_elements(coalesce(c.data -> 'documents', '[]'::jsonb)) d
             WHERE d ->> 'type' = 'passport' AND d ? 'country' AND d ? 'number'
           ) x
         ),
         keys AS (SELECT case_id, array_agg(DISTINCT key) AS keys FROM k GROUP BY case_id),
         hit AS (
           SELECT case_id FROM cases WHERE external_id = ANY($1::text[])
           UNION
           SELECT case_id FROM k WHERE key = ANY($2::text[])
         )
         SELECT c.case_id, c.external_id, c.version, c.status, c.data, keys.keys
         FROM cases c JOIN hit USING (case_id) LEFT JOIN keys USING (case_id)`,
        [[...keys.externalIds], [...keys.passportKeys]],
      ),
    { readOnly: true },
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    externalId: r.external_id,
    version: r.version,
    status: r.status,
    case: canonicalCase(r.data),
    passportKeys: r.keys ?? [],
  }));
}

/** An open case holding one of the passports asked about. */
export interface PassportHolder {
  caseId: string;
  externalId: string | null;
  principalName: string;
  /** The passport keys (COUNTRY:NUMBER) of the ones asked about that it holds. */
  passportKeys: string[];
}

/**
 * The open cases of the organization (those the actor may see) that hold one of these passports (keys
 * COUNTRY:NUMBER as findCasesForImport takes them), among the people's passports and passport documents.
 * A new case's people are checked against them before it is created.
 */
export async function findOpenPassportHolders(
  db: Db,
  actor: Actor,
  passportKeys: readonly string[],
): Promise<PassportHolder[]> {
  requirePortfolio(actor, 'cases');
  if (passportKeys.length === 0) return [];
  const rows = await inTenant(
    db,
    actor,
    (tx) =>
      tx.query<{ case_id: string; external_id: string | null; principal_name: string; keys: string[] }>(
        `WITH k AS (
           SELECT c.case_id, (x.country || ':' || upper(regexp_replace(x.number, '[[:space:]№#-]', '', 'g'))) AS key
           FROM cases c
           CROSS JOIN LATERAL (
             SELECT pp ->> 'country' AS country, pp ->> 'number' AS number
             FROM jsonb_array_elements(c.data -> 'people') p, jsonb_array_elements(coalesce(p -> 'passports', '[]'::jsonb)) pp
             UNION ALL
             SELECT d ->> 'country', d ->> 'number'
             FROM jsonb_array_elements(coalesce(c.data -> 'documents', '[]'::jsonb)) d
             WHERE d ->> 'type' = 'passport' AND d ? 'country' AND d ? 'number'
           ) x
           WHERE c.status = 'open'
         )
         SELECT c.case_id, c.external_id, c.principal_name, array_agg(DISTINCT k.key) AS keys
         FROM k JOIN cases c USING (case_id)
         WHERE k.key = ANY($1::text[])
         GROUP BY c.case_id, c.external_id, c.principal_name, c.created_at
         ORDER BY c.created_at, c.case_id`,
        [[...passportKeys]],
      ),
    { readOnly: true },
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    externalId: r.external_id,
    principalName: r.principal_name,
    passportKeys: r.keys,
  }));
}
