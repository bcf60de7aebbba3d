// Employers of an organization's portfolio. The row keeps the employer as a case file writes it (the
// hqs-case/1 `employer` object) and copies name, INN and kind into columns; one row per INN.
import { randomUUID } from 'node:crypto';
import { EmployerSchema, type Employer } from '../case/index.ts';
import { appendAudit } from './audit.ts';
import { requirePortfolio, requireWrite, type Actor } from './actor.ts';
import { inTenant, jsonb, requireUuid, type Db, type Tx } from './db.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';
import { likePattern, pageOf, Where, type Page, type PageRequest } from './page.ts';

const searchText = (e: Employer) => `${e.name}\n${e.inn}`.toLowerCase();

export interface EmployerRecord {
  employerId: string;
  orgId: string;
  name: string;
  inn: string;
  kind: string;
  employer: Employer;
  createdAt: string;
  updatedAt: string;
}

interface EmployerRow {
  org_id: string;
  employer_id: string;
  name: string;
  inn: string;
  kind: string;
  data: Employer;
  created_at: string;
  updated_at: string;
}

export const toEmployer = (r: EmployerRow): EmployerRecord => ({
  employerId: r.employer_id,
  orgId: r.org_id,
  name: r.name,
  inn: r.inn,
  kind: r.kind,
  employer: r.data,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Checks an employer object as the case file would (field paths as `employer.inn`). */
export function checkEmployer(input: unknown): Employer {
  const r = EmployerSchema.safeParse(input);
  if (!r.success) {
    throw new Invalid(
      r.error.issues.map((i) => ({ path: ['employer', ...i.path.map(String)].join('.'), message: i.message })),
    );
  }
  return r.data;
}

function dupInn(e: unknown, inn: string): never {
  if (sqlState(e) === '23505')
    throw new Conflict(`an employer with INN ${inn} already exists in this organization`, { field: 'inn' });
  throw e;
}

export async function insertEmployer(tx: Tx, actor: Actor, employer: Employer): Promise<EmployerRecord> {
  let rows: EmployerRow[];
  try {
    rows = await tx.query<EmployerRow>(
      `INSERT INTO employers (org_id, employer_id, name, inn, kind, search, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb) RETURNING *`,
      [actor.orgId, randomUUID(), employer.name, employer.inn, employer.kind, searchText(employer), jsonb(employer)],
    );
  } catch (e) {
    dupInn(e, employer.inn);
  }
  const rec = toEmployer(rows[0]!);
  await appendAudit(tx, actor, {
    action: 'employer.create',
    entity: 'employer',
    entityId: rec.employerId,
    details: { inn: rec.inn, name: rec.name },
  });
  return rec;
}

/** Inside a tenant transaction: the employer with this INN, created from the case's employer if new. */
export async function employerForCase(tx: Tx, actor: Actor, employer: Employer): Promise<string> {
  const found = await tx.query<{ employer_id: string }>('SELECT employer_id FROM employers WHERE inn = $1', [
    employer.inn,
  ]);
  if (found[0]) return found[0].employer_id;
  return (await insertEmployer(tx, actor, employer)).employerId;
}

/** Inside a tenant transaction: employer ids by INN for many cases at once (new INNs created in one statement). */
export async function employersForCases(
  tx: Tx,
  actor: Actor,
  employers: readonly Employer[],
): Promise<Map<string, string>> {
  const byInn = new Map<string, Employer>();
  for (const e of employers) if (!byInn.has(e.inn)) byInn.set(e.inn, e);
  const found = await tx.query<{ employer_id: string; inn: string }>(
    'SELECT employer_id, inn FROM employers WHERE inn = ANY($1::text[])',
    [[...byInn.keys()]],
  );
  const ids = new Map(found.map((r) => [r.inn, r.employer_id]));
  const fresh = [...byInn.values()]
    .filter((e) => !ids.has(e.inn))
    .map((e) => ({
      employer_id: randomUUID(),
      name: e.name,
      inn: e.inn,
      kind: e.kind,
      search: searchText(e),
      data: e,
    }));
  if (fresh.length > 0) {
    await tx.query(
      `INSERT INTO employers (org_id, employer_id, name, inn, kind, search, data)
       SELECT $1, x.employer_id, x.name, x.inn, x.kind, x.search, x.data
       FROM jsonb_to_recordset($2::jsonb) AS x(employer_id uuid, name text, inn text, kind text, search text, data jsonb)`,
      [actor.orgId, jsonb(fresh)],
    );
    await tx.query(
      `INSERT INTO audit_log (org_id, actor_user_id, actor, action, entity, entity_id, ip, details)
       SELECT $1, $2, $3, 'employer.create', 'employer', x.employer_id, $4, jsonb_build_object('inn', x.inn, 'name', x.name)
       FROM jsonb_to_recordset($5::jsonb) AS x(employer_id text, inn text, name text)`,
      [
        actor.orgId,
        actor.userId,
        actor.label,
        actor.ip ?? null,
        jsonb(fresh.map((f) => ({ employer_id: f.employer_id, inn: f.inn, name: f.name }))),
      ],
    );
    for (const f of fresh) ids.set(f.inn, f.employer_id);
  }
  return ids;
}

export async function createEmployer(db: Db, actor: Actor, input: unknown): Promise<EmployerRecord> {
  requireWrite(actor, 'creating an employer');
  const employer = checkEmployer(input);
  return inTenant(db, actor, (tx) => insertEmployer(tx, actor, employer));
}

export async function getEmployer(db: Db, actor: Actor, employerId: string): Promise<EmployerRecord> {
  requirePortfolio(actor, 'reading an employer');
  const id = requireUuid(employerId, 'employer');
  const rows = await inTenant(
    db,
    actor,
    (tx) => tx.query<EmployerRow>('SELECT * FROM employers WHERE employer_id = $1', [id]),
    { readOnly: true },
  );
  if (!rows[0]) throw new NotFound('employer', employerId);
  return toEmployer(rows[0]);
}

export interface EmployerFilter extends PageRequest {
  /** Part of the name or the INN. */
  q?: string;
  kind?: string;
}

export async function listEmployers(
  db: Db,
  actor: Actor,
  f: EmployerFilter = {},
): Promise<Page<EmployerRecord & { cases: number }>> {
  requirePortfolio(actor, 'listing employers');
  const { limit, offset } = pageOf(f);
  const w = new Where();
  if (f.q !== undefined && f.q.trim() !== '') {
    w.add('e.search LIKE ?', likePattern(f.q));
  }
  if (f.kind !== undefined) w.add('e.kind = ?', f.kind);
  return inTenant(
    db,
    actor,
    async (tx) => {
      const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM employers e ${w.sql}`, w.params))[0]!
        .n;
      const rows = await tx.query<EmployerRow & { cases: number }>(
        `SELECT e.*, (SELECT count(*)::int FROM cases c WHERE c.employer_id = e.employer_id) AS cases
         FROM employers e ${w.sql} ORDER BY lower(e.name), e.employer_id LIMIT ${limit} OFFSET ${offset}`,
        w.params,
      );
      return { items: rows.map((r) => ({ ...toEmployer(r), cases: r.cases })), total, limit, offset };
    },
    { readOnly: true },
  );
}

/**
 * The employer's registration for hiring HQS recorded as an event of one of its cases (type
 * employer-registered) is a fact about the employer: it is copied to the employer (its page shows it, a
 * new case takes it). Only ever filled in or moved earlier — the engine also takes the earliest of the
 * employer's date and the events — and never cleared when an event goes (the employer's own record may
 * have it from elsewhere). Audited as employer.update, naming the case.
 */
export async function reflectEmployerRegistration(
  tx: Tx,
  actor: Actor,
  employerId: string,
  caseId: string,
  c: { events?: readonly { type: string; on: string }[] | undefined },
): Promise<void> {
  const on = (c.events ?? [])
    .filter((e) => e.type === 'employer-registered')
    .map((e) => e.on)
    .sort()[0];
  if (on === undefined) return;
  const rows = await tx.query<{ before: string | null }>(
    `UPDATE employers e SET data = jsonb_set(e.data, '{hqsRegistered}', to_jsonb($2::text)), updated_at = now()
     FROM (SELECT data ->> 'hqsRegistered' AS before FROM employers WHERE employer_id = $1) old
     WHERE e.employer_id = $1 AND (old.before IS NULL OR old.before > $2)
     RETURNING old.before`,
    [employerId, on],
  );
  if (rows.length === 0) return;
  await appendAudit(tx, actor, {
    action: 'employer.update',
    entity: 'employer',
    entityId: employerId,
    details: { hqsRegistered: on, before: rows[0]!.before, fromCase: caseId },
  });
}

/** Replaces the employer's facts. Cases keep the employer as their own file says (the case is the truth). */
export async function updateEmployer(
  db: Db,
  actor: Actor,
  employerId: string,
  input: unknown,
): Promise<EmployerRecord> {
  requireWrite(actor, 'changing an employer');
  const id = requireUuid(employerId, 'employer');
  const employer = checkEmployer(input);
  return inTenant(db, actor, async (tx) => {
    let rows: EmployerRow[];
    try {
      rows = await tx.query<EmployerRow>(
        `UPDATE employers SET name = $2, inn = $3, kind = $4, search = $5, data = $6::jsonb, updated_at = now() WHERE employer_id = $1 RETURNING *`,
        [id, employer.name, employer.inn, employer.kind, searchText(employer), jsonb(employer)],
      );
    } catch (e) {
      dupInn(e, employer.inn);
    }
    if (!rows[0]) throw new NotFound('employer', employerId);
    await appendAudit(tx, actor, {
      action: 'employer.update',
      entity: 'employer',
      entityId: id,
      details: { inn: employer.inn },
    });
    return toEmployer(rows[0]);
  });
}

/** Removes an employer that no case refers to. */
export async function deleteEmployer(db: Db, actor: Actor, employerId: string): Promise<void> {
  requireWrite(actor, 'deleting an employer');
  const id = requireUuid(employerId, 'employer');
  await inTenant(db, actor, async (tx) => {
    const n = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE employer_id = $1', [id]))[0]!
      .n;
    const rows = await tx.query('DELETE FROM employers WHERE employer_id = $1 AND $2::int = 0 RETURNING employer_id', [
      id,
      n,
    ]);
    if (n > 0)
      throw new Conflict(`employer ${employerId} has ${n} case${n === 1 ? '' : 's'}; move or delete them first`);
    if (rows.length === 0) throw new NotFound('employer', employerId);
    await appendAudit(tx, actor, { action: 'employer.delete', entity: 'employer', entityId: id });
  });
}
