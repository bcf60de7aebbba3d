// Cases. The hqs-case/1 document is stored whole as jsonb — it is the contract and the engine reads it
// whole — with a few copies in columns for searching and sorting (principal's name, citizenship, contract
// dates, employer) and the people copied into case_people (search by name or email, a specialist's link).
// Events and the case's document list stay inside the JSON: nothing queries them across cases (the
// obligations table does that), and keeping them there makes export the exact inverse of import.
// Writes carry the version read (optimistic concurrency): a stale version is a Conflict, never a lost edit.
import { randomUUID } from 'node:crypto';
import {
  CaseSchema,
  caseLimitProblems,
  eventsAfter,
  issueProblems,
  parseCase,
  type Case,
  type CheckTables,
} from '../case/index.ts';
import type { Engine } from '../engine/index.ts';
import { addDays, isRealIsoDate, type IsoDate } from '../calendar/date.ts';
import { appendAudit } from './audit.ts';
import { requireCaseVisible, requireWrite, type Actor } from './actor.ts';
import { inTenant, isUuid, jsonb, requireUuid, type Db, type Tx } from './db.ts';
import { employerForCase, employersForCases, reflectEmployerRegistration } from './employers.ts';
import { Conflict, Invalid, NotFound, sqlState } from './errors.ts';
import { likePattern, pageOf, Where, type Page, type PageRequest } from './page.ts';
import { storeEvaluations } from './evaluations.ts';
import { removeUnreferencedFiles } from './documents.ts';

export type CaseStatus = 'open' | 'closed';

export interface CaseSummary {
  caseId: string;
  orgId: string;
  employerId: string;
  employerName: string;
  externalId: string | null;
  principalName: string;
  principalNameCyrillic: string | null;
  principalCitizenship: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  status: CaseStatus;
  stage: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The member who works the case, or null. */
  assignee: { userId: string; email: string; name: string | null } | null;
}

/** A case in the list: its summary and how urgent it is, from its stored evaluation. */
export interface CaseListItem extends CaseSummary {
  /** The earliest due date of its obligations not yet met (overdue ones included); null: none, or not evaluated. */
  nextDeadline: string | null;
  /** Obligations overdue as of today (past their due date and not met). */
  overdue: number;
  /** The stored evaluation's eligibility (eligible, ineligible, review); null until evaluated. */
  eligibility: string | null;
}

export interface CaseRecord extends CaseSummary {
  case: Case;
}

interface CaseRow {
  org_id: string;
  case_id: string;
  employer_id: string;
  employer_name: string;
  external_id: string | null;
  principal_name: string;
  principal_name_cyrillic: string | null;
  principal_citizenship: string | null;
  contract_start: string | null;
  contract_end: string | null;
  status: CaseStatus;
  stage: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  assignee_user_id: string | null;
  assignee_email: string | null;
  assignee_name: string | null;
  data?: Case;
}

function toSummary(r: CaseRow): CaseSummary {
  return {
    caseId: r.case_id,
    orgId: r.org_id,
    employerId: r.employer_id,
    employerName: r.employer_name,
    externalId: r.external_id,
    principalName: r.principal_name,
    principalNameCyrillic: r.principal_name_cyrillic,
    principalCitizenship: r.principal_citizenship,
    contractStart: r.contract_start,
    contractEnd: r.contract_end,
    status: r.status,
    stage: r.stage,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    assignee: r.assignee_user_id
      ? { userId: r.assignee_user_id, email: r.assignee_email ?? '', name: r.assignee_name ?? null }
      : null,
  };
}

function toRecord(r: CaseRow): CaseRecord {
  return { ...toSummary(r), case: canonicalCase(r.data) };
}

const SUMMARY_COLUMNS = `c.org_id, c.case_id, c.employer_id, e.name AS employer_name, c.external_id, c.principal_name,
  c.principal_name_cyrillic, c.principal_citizenship, c.contract_start, c.contract_end, c.status, c.stage, c.version,
  c.created_at, c.updated_at, c.assignee_user_id, au.email AS assignee_email, au.name AS assignee_name`;
const FROM = `FROM cases c JOIN employers e ON e.org_id = c.org_id AND e.employer_id = c.employer_id
  LEFT JOIN users au ON au.user_id = c.assignee_user_id`;

/**
 * The case in its canonical form: the schema's field order (jsonb keeps keys in its own order), nothing
 * added. Export gives back exactly what was imported, field for field.
 */
export function canonicalCase(data: unknown): Case {
  const r = CaseSchema.safeParse(data);
  if (!r.success)
    throw new Error(
      `a stored case does not match hqs-case/1: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

/** Checks a case given as a value (shape only; parseCase checks tables too). */
export function checkCase(input: unknown): Case {
  // The product's limits (size, dates the engine can count from) hold for every stored case, whatever wrote it.
  const limits = caseLimitProblems(input);
  if (limits.length)
    throw new Invalid(
      limits.map(({ path, message, code, params }) => ({
        path: path || '(root)',
        message,
        code,
        ...(params ? { params } : {}),
      })),
    );
  const r = CaseSchema.safeParse(input);
  if (!r.success) throw new Invalid(issueProblems(r.error.issues));
  return r.data;
}

/** Parses a case file (text or value) with the law's country and region tables; Invalid names every bad field. */
export function parseCaseInput(
  input: unknown,
  tables: CheckTables,
  fileName?: string,
  inspect?: (value: unknown) => void,
): Case {
  const r = parseCase(input, { ...tables, ...(fileName ? { fileName } : {}), ...(inspect ? { inspect } : {}) });
  if (!r.ok)
    throw new Invalid(
      r.errors.map((e) => ({
        path: e.path,
        message: e.message,
        code: e.code,
        ...(e.params ? { params: e.params } : {}),
      })),
    );
  return r.case;
}

function principalOf(c: Case) {
  const p = c.people.find((x) => x.role === 'principal');
  if (!p) throw Invalid.one('people', 'the case has no principal');
  return p;
}

/** Copies of the case's fields into columns. */
function columnsOf(c: Case) {
  const p = principalOf(c);
  return {
    external_id: c.id ?? null,
    principal_name: p.name.latin,
    principal_name_cyrillic: p.name.cyrillic ?? null,
    principal_citizenship: p.citizenships[0] ?? null,
    contract_start: c.contract.start,
    contract_end: c.contract.end ?? null,
    search: [c.id ?? '', ...c.people.flatMap((x) => [x.name.latin, x.name.cyrillic ?? '', x.email ?? ''])]
      .filter(Boolean)
      .join('\n')
      .toLowerCase(),
  };
}

/** The searchable copy of one person of a case (table case_people), as both writers store it. */
function personRow(p: Case['people'][number]) {
  return {
    person_id: p.id,
    role: p.role,
    relation: p.relation ?? null,
    name_latin: p.name.latin,
    name_cyrillic: p.name.cyrillic ?? null,
    birth_date: p.birthDate,
    citizenships: p.citizenships,
    email: p.email ?? null,
  };
}

async function writePeople(tx: Tx, orgId: string, caseId: string, c: Case): Promise<void> {
  await tx.query('DELETE FROM case_people WHERE case_id = $1', [caseId]);
  const rows = c.people.map(personRow);
  await tx.query(
    `INSERT INTO case_people (org_id, case_id, person_id, role, relation, name_latin, name_cyrillic, birth_date, citizenships, email)
     SELECT $1, $2, x.person_id, x.role, x.relation, x.name_latin, x.name_cyrillic, x.birth_date, x.citizenships, x.email
     FROM jsonb_to_recordset($3::jsonb) AS x(person_id text, role text, relation text, name_latin text, name_cyrillic text,
                                             birth_date date, citizenships text[], email text)`,
    [orgId, caseId, jsonb(rows)],
  );
  // A person no longer in the case takes their documents' review statuses along (documents stay: a person
  // still referred to by one cannot be removed, see people.ts).
  await tx.query('DELETE FROM checklist_reviews WHERE case_id = $1 AND NOT (person_id = ANY($2::text[]))', [
    caseId,
    c.people.map((p) => p.id),
  ]);
}

function duplicateExternal(e: unknown, c: Case): never {
  if (sqlState(e) === '23505')
    throw new Conflict(`a case with id "${c.id}" already exists in this organization; update that case instead`, {
      field: 'id',
      code: 'case.id-taken',
    });
  throw e;
}

/** Evaluate the case as part of the write, so its evaluation and obligations never lag behind it. */
export interface EvaluateWith {
  engine: Engine;
  asOf: IsoDate;
}

/** The case in a tenant transaction (NotFound when absent or outside the actor's employers). */
export async function readCase(tx: Tx, caseId: string): Promise<CaseRecord> {
  const rows = await tx.query<CaseRow>(`SELECT ${SUMMARY_COLUMNS}, c.data ${FROM} WHERE c.case_id = $1`, [caseId]);
  if (!rows[0]) throw new NotFound('case', caseId);
  return toRecord(rows[0]);
}

async function evaluateInTx(tx: Tx, orgId: string, rec: CaseRecord, w: EvaluateWith): Promise<CaseRecord> {
  const ev = w.engine.evaluate(rec.case, w.asOf);
  const [stage] = await storeEvaluations(tx, orgId, [
    { caseId: rec.caseId, employerId: rec.employerId, caseVersion: rec.version, case: rec.case, evaluation: ev },
  ]);
  return { ...rec, stage: stage ?? rec.stage };
}

export interface CreateCaseOptions {
  /** The employer row to link; default: the organization's employer with the case's INN (created if new). */
  employerId?: string;
  evaluate?: EvaluateWith;
  /** The writer's today (Moscow): an event dated after tomorrow is refused (events record what has happened). */
  today?: IsoDate;
  /** More for the audit entry's details (an import names its file and rows). */
  auditDetails?: Record<string, unknown>;
}

/** Refuses events dated after the day after `today` (a day's grace for time zones); `indexes`: only those. */
export function refuseFutureEvents(c: Case, today: IsoDate | undefined, indexes?: readonly number[]): void {
  // A case over the product's limits (a date in year 9999, say) is refused by checkCase, naming the limit.
  if (today === undefined || caseLimitProblems(c).length > 0) return;
  const problems = eventsAfter(c, addDays(today, 1), indexes);
  if (problems.length) throw new Invalid(problems);
}

export async function createCase(db: Db, actor: Actor, input: Case, opts: CreateCaseOptions = {}): Promise<CaseRecord> {
  requireWrite(actor, 'creating a case');
  const c = checkCase(input);
  refuseFutureEvents(c, opts.today);
  const cols = columnsOf(c);
  return inTenant(db, actor, async (tx) => {
    let employerId: string;
    if (opts.employerId !== undefined) {
      employerId = requireUuid(opts.employerId, 'employer');
      const found = await tx.query('SELECT 1 FROM employers WHERE employer_id = $1', [employerId]);
      if (found.length === 0) throw new NotFound('employer', opts.employerId);
    } else {
      employerId = await employerForCase(tx, actor, c.employer);
    }
    const caseId = randomUUID();
    try {
      await tx.query(
        `INSERT INTO cases (org_id, case_id, employer_id, external_id, data, principal_name, principal_name_cyrillic,
                            principal_citizenship, contract_start, contract_end, search, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11, $12, $12)`,
        [
          actor.orgId,
          caseId,
          employerId,
          cols.external_id,
          jsonb(c),
          cols.principal_name,
          cols.principal_name_cyrillic,
          cols.principal_citizenship,
          cols.contract_start,
          cols.contract_end,
          cols.search,
          actor.userId,
        ],
      );
    } catch (e) {
      duplicateExternal(e, c);
    }
    await writePeople(tx, actor.orgId, caseId, c);
    await reflectEmployerRegistration(tx, actor, employerId, caseId, c);
    await appendAudit(tx, actor, {
      action: 'case.create',
      entity: 'case',
      entityId: caseId,
      details: { ...opts.auditDetails, externalId: c.id ?? null, people: c.people.length },
    });
    const rec = await readCase(tx, caseId);
    return opts.evaluate ? evaluateInTx(tx, actor.orgId, rec, opts.evaluate) : rec;
  });
}

/**
 * Many cases in one transaction (importing a portfolio): employers found or created by INN, a few
 * statements per batch instead of several per case, one audit entry per case. All or nothing: one
 * duplicate id or invalid case and none is stored.
 */
export async function createCases(db: Db, actor: Actor, inputs: readonly Case[]): Promise<CaseSummary[]> {
  requireWrite(actor, 'creating cases');
  const checked = inputs.map((c, i) => {
    try {
      return checkCase(c);
    } catch (e) {
      if (e instanceof Invalid) throw new Invalid(e.problems.map((p) => ({ ...p, path: `[${i}].${p.path}` })));
      throw e;
    }
  });
  if (checked.length === 0) return [];
  return inTenant(db, actor, async (tx) => {
    const employers = await employersForCases(
      tx,
      actor,
      checked.map((c) => c.employer),
    );
    const rows = checked.map((c) => ({
      case_id: randomUUID(),
      employer_id: employers.get(c.employer.inn)!,
      data: c,
      ...columnsOf(c),
    }));
    try {
      await tx.query(
        `INSERT INTO cases (org_id, case_id, employer_id, external_id, data, principal_name, principal_name_cyrillic,
                            principal_citizenship, contract_start, contract_end, search, created_by, updated_by)
         SELECT $1, x.case_id, x.employer_id, x.external_id, x.data, x.principal_name, x.principal_name_cyrillic,
                x.principal_citizenship, x.contract_start, x.contract_end, x.search, $3, $3
         FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, employer_id uuid, external_id text, data jsonb, principal_name text,
              principal_name_cyrillic text, principal_citizenship text, contract_start date, contract_end date, search text)`,
        [actor.orgId, jsonb(rows), actor.userId],
      );
    } catch (e) {
      if (sqlState(e) === '23505')
        throw new Conflict(
          'a case with one of these ids already exists in this organization (or the list repeats one)',
          { field: 'id' },
        );
      throw e;
    }
    const people = rows.flatMap((r) => r.data.people.map((p) => ({ case_id: r.case_id, ...personRow(p) })));
    await tx.query(
      `INSERT INTO case_people (org_id, case_id, person_id, role, relation, name_latin, name_cyrillic, birth_date, citizenships, email)
       SELECT $1, x.case_id, x.person_id, x.role, x.relation, x.name_latin, x.name_cyrillic, x.birth_date, x.citizenships, x.email
       FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, person_id text, role text, relation text, name_latin text, name_cyrillic text,
                                               birth_date date, citizenships text[], email text)`,
      [actor.orgId, jsonb(people)],
    );
    for (const r of rows)
      if (r.data.events?.some((e) => e.type === 'employer-registered'))
        await reflectEmployerRegistration(tx, actor, r.employer_id, r.case_id, r.data);
    await tx.query(
      `INSERT INTO audit_log (org_id, actor_user_id, actor, action, entity, entity_id, ip, details)
       SELECT $1, $2, $3, 'case.create', 'case', x.case_id, $4, jsonb_build_object('externalId', x.external_id, 'import', true)
       FROM jsonb_to_recordset($5::jsonb) AS x(case_id text, external_id text)`,
      [
        actor.orgId,
        actor.userId,
        actor.label,
        actor.ip ?? null,
        jsonb(rows.map((r) => ({ case_id: r.case_id, external_id: r.external_id }))),
      ],
    );
    const out = await tx.query<CaseRow>(`SELECT ${SUMMARY_COLUMNS} ${FROM} WHERE c.case_id = ANY($1::uuid[])`, [
      rows.map((r) => r.case_id),
    ]);
    const byId = new Map(out.map((r) => [r.case_id, toSummary(r)]));
    return rows.map((r) => byId.get(r.case_id)!);
  });
}

/** One case; reading it is recorded in the audit log (it holds personal data). */
export async function getCase(
  db: Db,
  actor: Actor,
  caseId: string,
  opts: { audit?: boolean } = {},
): Promise<CaseRecord> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(db, actor, async (tx) => {
    const rec = await readCase(tx, id);
    if (opts.audit !== false) await appendAudit(tx, actor, { action: 'case.read', entity: 'case', entityId: id });
    return rec;
  });
}

/** The case as an hqs-case/1 document (recorded in the audit log as an export). */
export async function exportCase(db: Db, actor: Actor, caseId: string): Promise<Case> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(db, actor, async (tx) => {
    const rec = await readCase(tx, id);
    await appendAudit(tx, actor, { action: 'case.export', entity: 'case', entityId: id });
    return rec.case;
  });
}

export interface UpdateCaseOptions {
  evaluate?: EvaluateWith;
  /** The writer's today (Moscow): an event dated after tomorrow is refused. */
  today?: IsoDate;
}

function checkExpectedVersion(expectedVersion: number): void {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 1)
    throw Invalid.one('version', `expected the version read (a whole number ≥ 1), got ${String(expectedVersion)}`);
}

interface LockedCase {
  version: number;
  employer_id: string;
  inn: string;
}

/** Locks the case for a write and checks the version the editor read (Conflict when it moved on). */
async function lockForEdit(tx: Tx, caseId: string, shownId: string, expectedVersion: number): Promise<LockedCase> {
  const cur = await tx.query<LockedCase>(
    `SELECT c.version, c.employer_id, c.data -> 'employer' ->> 'inn' AS inn FROM cases c WHERE c.case_id = $1 FOR UPDATE`,
    [caseId],
  );
  if (!cur[0]) throw new NotFound('case', shownId);
  if (cur[0].version !== expectedVersion) {
    throw new Conflict(
      `case ${shownId} was changed meanwhile: it is at version ${cur[0].version}, the edit was made on version ${expectedVersion}; reload and edit again`,
      {
        field: 'version',
        current: cur[0].version,
      },
    );
  }
  return cur[0];
}

/** Writes a checked case over the locked one (columns, people, version + 1) and reads it back, evaluated when asked. */
async function writeLocked(
  tx: Tx,
  actor: Actor,
  id: string,
  cur: LockedCase,
  c: Case,
  audit: { action: string; details?: Record<string, unknown> },
  evaluate?: EvaluateWith,
): Promise<CaseRecord> {
  const cols = columnsOf(c);
  const employerId = cur.inn === c.employer.inn ? cur.employer_id : await employerForCase(tx, actor, c.employer);
  try {
    await tx.query(
      `UPDATE cases SET data = $2::jsonb, employer_id = $3, external_id = $4, principal_name = $5, principal_name_cyrillic = $6,
              principal_citizenship = $7, contract_start = $8, contract_end = $9, search = $10, version = version + 1, updated_at = now(), updated_by = $11
       WHERE case_id = $1`,
      [
        id,
        jsonb(c),
        employerId,
        cols.external_id,
        cols.principal_name,
        cols.principal_name_cyrillic,
        cols.principal_citizenship,
        cols.contract_start,
        cols.contract_end,
        cols.search,
        actor.userId,
      ],
    );
  } catch (e) {
    duplicateExternal(e, c);
  }
  await writePeople(tx, actor.orgId, id, c);
  await reflectEmployerRegistration(tx, actor, employerId, id, c);
  await appendAudit(tx, actor, {
    action: audit.action,
    entity: 'case',
    entityId: id,
    details: { ...audit.details, version: cur.version + 1 },
  });
  const rec = await readCase(tx, id);
  return evaluate ? evaluateInTx(tx, actor.orgId, rec, evaluate) : rec;
}

/** Replaces the case document; `expectedVersion` is the version the editor read. */
export async function updateCase(
  db: Db,
  actor: Actor,
  caseId: string,
  input: Case,
  expectedVersion: number,
  opts: UpdateCaseOptions = {},
): Promise<CaseRecord> {
  requireWrite(actor, 'changing a case');
  const id = requireUuid(caseId, 'case');
  checkExpectedVersion(expectedVersion);
  const c = checkCase(input);
  columnsOf(c); // a case without a principal is refused before any lock
  return inTenant(db, actor, async (tx) => {
    const cur = await lockForEdit(tx, id, caseId, expectedVersion);
    if (opts.today !== undefined) refuseFutureEvents(c, opts.today, changedEvents((await readCase(tx, id)).case, c));
    return writeLocked(tx, actor, id, cur, c, { action: 'case.update' }, opts.evaluate);
  });
}

/** The positions of the events of `after` that `before` does not hold as they are (new or changed ones). */
export function changedEvents(before: Case, after: Case): number[] {
  const held = new Set((before.events ?? []).map((e) => JSON.stringify(e)));
  const out: number[] = [];
  (after.events ?? []).forEach((e, i) => {
    if (!held.has(JSON.stringify(e))) out.push(i);
  });
  return out;
}

export interface CaseEdit {
  /** The new case document (it is checked again with the case schema before it is written). */
  case: Case;
  /** The audit entry of the change (entity: the case; `version` is added to its details). */
  audit: { action: string; details?: Record<string, unknown> };
}

/**
 * A change made from the stored case, in one transaction: the case is locked, the version checked, `edit`
 * derives the new document from the current one (it may read more through `tx` — references to a person,
 * say — and throw Invalid or Conflict), and the result is written, audited and evaluated like updateCase.
 */
export async function editCase(
  db: Db,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  edit: (current: CaseRecord, tx: Tx) => CaseEdit | Promise<CaseEdit>,
  opts: UpdateCaseOptions = {},
): Promise<CaseRecord> {
  requireWrite(actor, 'changing a case');
  const id = requireUuid(caseId, 'case');
  checkExpectedVersion(expectedVersion);
  return inTenant(db, actor, async (tx) => {
    const cur = await lockForEdit(tx, id, caseId, expectedVersion);
    const change = await edit(await readCase(tx, id), tx);
    return writeLocked(tx, actor, id, cur, checkCase(change.case), change.audit, opts.evaluate);
  });
}

/** Opens or closes a case (closed cases are left out of the sweep). */
export async function setCaseStatus(
  db: Db,
  actor: Actor,
  caseId: string,
  status: CaseStatus,
  expectedVersion?: number,
): Promise<CaseRecord> {
  requireWrite(actor, 'changing a case');
  const id = requireUuid(caseId, 'case');
  if (status !== 'open' && status !== 'closed')
    throw Invalid.one('status', `expected open or closed, got ${JSON.stringify(status)}`);
  return inTenant(db, actor, async (tx) => {
    const cur = await tx.query<{ version: number; status: CaseStatus }>(
      'SELECT version, status FROM cases WHERE case_id = $1 FOR UPDATE',
      [id],
    );
    if (!cur[0]) throw new NotFound('case', caseId);
    if (expectedVersion !== undefined && cur[0].version !== expectedVersion) {
      throw new Conflict(`case ${caseId} is at version ${cur[0].version}, not ${expectedVersion}`, {
        field: 'version',
        current: cur[0].version,
      });
    }
    if (cur[0].status !== status) {
      await tx.query(
        'UPDATE cases SET status = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE case_id = $1',
        [id, status, actor.userId],
      );
      await appendAudit(tx, actor, {
        action: status === 'closed' ? 'case.close' : 'case.reopen',
        entity: 'case',
        entityId: id,
      });
    }
    return readCase(tx, id);
  });
}

/** Deletes a case with its people, documents (records, and files no other record uses), evaluation and obligations. */
export async function deleteCase(db: Db, actor: Actor, caseId: string): Promise<void> {
  requireWrite(actor, 'deleting a case');
  const id = requireUuid(caseId, 'case');
  const shas = await inTenant(db, actor, async (tx) => {
    const docs = await tx.query<{ sha256: string }>('SELECT DISTINCT sha256 FROM documents WHERE case_id = $1', [id]);
    const rows = await tx.query('DELETE FROM cases WHERE case_id = $1 RETURNING case_id', [id]);
    if (rows.length === 0) throw new NotFound('case', caseId);
    await appendAudit(tx, actor, {
      action: 'case.delete',
      entity: 'case',
      entityId: id,
      details: { documents: docs.length },
    });
    return docs.map((d) => d.sha256);
  });
  await removeUnreferencedFiles(db, shas);
}

export const CASE_SORTS = ['updated', 'name', 'next-deadline', 'overdue'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseFilter extends PageRequest {
  status?: CaseStatus;
  employerId?: string;
  stage?: string;
  /** Part of a person's name (Latin or Cyrillic), the case's own id, or an email. */
  q?: string;
  /**
   * Sort: most recently changed first (default), by principal's name, by the next deadline (soonest first,
   * cases without one last), or by the number of overdue obligations (most first, then the next deadline).
   */
  sort?: CaseSort;
  /** 'me' (the actor), 'none' (unassigned) or a member's user id. */
  assignee?: string;
  /** The stored evaluation's eligibility: eligible, ineligible, review. */
  eligibility?: readonly string[];
  /** Any of the principal's citizenships (ISO 3166-1 alpha-2). */
  citizenship?: readonly string[];
  /** Cases whose stored evaluation has a finding with one of these codes. */
  finding?: readonly string[];
  /** 'overdue': at least one obligation overdue; a number N: the next deadline within N days (or overdue). */
  due?: 'overdue' | number;
  /** Today in Moscow, for what is overdue (default: the database's clock in Moscow). */
  today?: IsoDate;
}

const ELIGIBILITY = ['eligible', 'ineligible', 'review'];

/** What is overdue or next of each case, from its stored obligations ($1 is today). */
const URGENCY = `LEFT JOIN evaluations v ON v.org_id = c.org_id AND v.case_id = c.case_id
  LEFT JOIN LATERAL (
    SELECT min(o.due) FILTER (WHERE o.status IN ('upcoming', 'due', 'overdue')) AS next_deadline,
           count(*) FILTER (WHERE o.status = 'overdue' OR (o.status IN ('due', 'upcoming') AND o.due < $1::date))::int AS overdue
    FROM obligations o WHERE o.org_id = c.org_id AND o.case_id = c.case_id) d ON true`;

const ORDER: Record<CaseSort, string> = {
  updated: 'c.updated_at DESC, c.case_id',
  name: 'lower(c.principal_name), c.case_id',
  'next-deadline': 'd.next_deadline ASC NULLS LAST, d.overdue DESC, lower(c.principal_name), c.case_id',
  overdue: 'd.overdue DESC, d.next_deadline ASC NULLS LAST, lower(c.principal_name), c.case_id',
};

export async function listCases(db: Db, actor: Actor, f: CaseFilter = {}): Promise<Page<CaseListItem>> {
  const { limit, offset } = pageOf(f);
  if (f.today !== undefined && !isRealIsoDate(f.today))
    throw Invalid.one('today', `expected a date as YYYY-MM-DD, got ${JSON.stringify(f.today)}`);
  if (f.sort !== undefined && !CASE_SORTS.includes(f.sort))
    throw Invalid.one('sort', `expected one of ${CASE_SORTS.join(', ')}, got ${JSON.stringify(f.sort)}`);
  const w = new Where([f.today ?? null]);
  if (actor.role === 'specialist') w.add('c.case_id = ?::uuid', actor.caseId ?? '00000000-0000-0000-0000-000000000000');
  if (f.status !== undefined) w.add('c.status = ?', f.status);
  if (f.employerId !== undefined) w.add('c.employer_id = ?::uuid', requireUuid(f.employerId, 'employer'));
  // not-evaluated: no stored evaluation yet (the dashboard's count of them opens this list).
  if (f.stage === 'not-evaluated') w.clauses.push('v.case_id IS NULL');
  else if (f.stage !== undefined) w.add('c.stage = ?', f.stage);
  if (f.q !== undefined && f.q.trim() !== '') w.add('c.search LIKE ?', likePattern(f.q));
  if (f.assignee !== undefined) {
    if (f.assignee === 'none') w.clauses.push('c.assignee_user_id IS NULL');
    else if (f.assignee === 'me') {
      if (!actor.userId) throw Invalid.one('assignee', 'assignee=me needs a signed-in user (an API token is nobody)');
      w.add('c.assignee_user_id = ?::uuid', actor.userId);
    } else if (isUuid(f.assignee)) w.add('c.assignee_user_id = ?::uuid', f.assignee.toLowerCase());
    else throw Invalid.one('assignee', `expected me, none or a member's user id, got ${JSON.stringify(f.assignee)}`);
  }
  if (f.eligibility?.length) {
    const bad = f.eligibility.find((x) => !ELIGIBILITY.includes(x));
    if (bad !== undefined)
      throw Invalid.one('eligibility', `expected ${ELIGIBILITY.join(', ')}, got ${JSON.stringify(bad)}`);
    w.add('v.eligibility = ANY(?::text[])', [...f.eligibility]);
  }
  if (f.citizenship?.length) {
    const bad = f.citizenship.find((x) => !/^[A-Z]{2}$/.test(x));
    if (bad !== undefined)
      throw Invalid.one('citizenship', `expected ISO 3166-1 alpha-2 codes (CN, IN…), got ${JSON.stringify(bad)}`);
    w.add(
      `EXISTS (SELECT 1 FROM case_people p WHERE p.org_id = c.org_id AND p.case_id = c.case_id AND p.role = 'principal' AND p.citizenships && ?::text[])`,
      [...f.citizenship],
    );
  }
  if (f.finding?.length)
    w.add(
      `EXISTS (SELECT 1 FROM jsonb_array_elements(coalesce(v.summary -> 'findings', '[]'::jsonb)) x WHERE x ->> 'code' = ANY(?::text[]))`,
      [...f.finding],
    );
  if (f.due === 'overdue') w.clauses.push('d.overdue > 0');
  else if (f.due !== undefined) {
    if (!Number.isInteger(f.due) || f.due < 0 || f.due > 3660)
      throw Invalid.one('due', `expected overdue or a number of days from 0 to 3660, got ${JSON.stringify(f.due)}`);
    w.add(`d.next_deadline <= coalesce($1::date, (now() AT TIME ZONE 'Europe/Moscow')::date) + ?::int`, f.due);
  }
  const order = ORDER[f.sort ?? 'updated'];
  // $1 (today) defaults to the database's date in Moscow.
  const today = `coalesce($1::date, (now() AT TIME ZONE 'Europe/Moscow')::date)`;
  const urgency = URGENCY.replace('$1::date', today);
  return inTenant(db, actor, async (tx) => {
    const total = (
      await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases c ${urgency} ${w.sql}`, w.params)
    )[0]!.n;
    const rows = await tx.query<
      CaseRow & { next_deadline: string | null; overdue: number | null; eligibility: string | null }
    >(
      `SELECT ${SUMMARY_COLUMNS}, d.next_deadline, d.overdue, v.eligibility ${FROM} ${urgency} ${w.sql}
       ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      w.params,
    );
    if (rows.length > 0) {
      await appendAudit(tx, actor, {
        action: 'case.list',
        entity: 'case',
        details: { count: rows.length, offset, ...(f.q ? { q: f.q } : {}) },
      });
    }
    return {
      items: rows.map((r) => ({
        ...toSummary(r),
        nextDeadline: r.next_deadline ?? null,
        overdue: r.overdue ?? 0,
        eligibility: r.eligibility ?? null,
      })),
      total,
      limit,
      offset,
    };
  });
}
