// Evaluations and obligations: derived data. The latest evaluation of each case is kept whole (the
// engine's hqs-evaluation/1 output) with a few figures copied out, and its obligations become rows for the
// portfolio (all obligations of all cases by status, due date, employer, kind). They are recomputed when a
// case is written (createCase/updateCase with `evaluate`) and every day by the sweep.
import type { Case } from '../case/index.ts';
import {
  withoutDocuments,
  type Engine,
  type EvaluateOptions,
  type Evaluation,
  type ObligationKind,
  type ObligationStatus,
} from '../engine/index.ts';
import { createHash } from 'node:crypto';
import { addDays, isRealIsoDate, type IsoDate } from '../calendar/date.ts';
import { appendAudit } from './audit.ts';
import { requireCaseVisible, requirePortfolio, type Actor } from './actor.ts';
import { inTenant, jsonb, requireUuid, type Db, type Tx } from './db.ts';
import { Invalid, NotFound } from './errors.ts';
import { pageOf, Where, type Page, type PageRequest } from './page.ts';

/**
 * What the store keeps of an evaluation besides the obligation rows: the summary the portfolio reads
 * across cases (eligibility with its reasons, findings, estimated days to entry), in codes (the API words
 * them in the reader's language) — not the plan, the checklist or the grounds, nor the findings on the
 * documents (the documents are derived on demand, never by the sweep: the figures stay alike however the
 * evaluation was asked for). Those are detail of one case (about 125 KB of a 145 KB evaluation, measured on
 * generated cases): stored for every case they would make the daily sweep rewrite over a gigabyte per
 * 10,000 cases. The engine is pure, so a case's full evaluation is recomputed from the stored case
 * whenever one case is shown (evaluateCase returns it).
 */
export const NOT_STORED = ['plan', 'obligations', 'checklist', 'grounds', 'trace'] as const;

/** The stored part of an evaluation (its obligations are rows of the obligations table). */
export type EvaluationSummary = Omit<Evaluation, (typeof NOT_STORED)[number]>;

export function summaryOf(ev: Evaluation): EvaluationSummary {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(withoutDocuments(ev)))
    if (!(NOT_STORED as readonly string[]).includes(k)) out[k] = v;
  return out as EvaluationSummary;
}

export interface EvaluationInput {
  caseId: string;
  employerId: string;
  caseVersion: number;
  case: Case;
  evaluation: Evaluation;
  /** evaluationDigest of this input, when the caller has it already (the sweep compares it first). */
  digest?: string;
}

/** The summary row and obligation rows of an input, as stored (without the date they were computed on). */
function rowsOf(it: EvaluationInput, stage: string) {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of withoutDocuments(it.evaluation).findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  const evaluation = {
    case_id: it.caseId,
    law_version: it.evaluation.lawVersion,
    case_version: it.caseVersion,
    eligibility: it.evaluation.eligibility.status,
    stage,
    errors,
    warnings,
    infos,
    summary: summaryOf(it.evaluation),
  };
  const obligations: Record<string, unknown>[] = [];
  const seen = new Map<string, number>();
  for (const o of it.evaluation.obligations) {
    // Ids are unique per case by construction; should two ever clash, the second gets a suffix, not an error.
    const n = (seen.get(o.id) ?? 0) + 1;
    seen.set(o.id, n);
    obligations.push({
      case_id: it.caseId,
      obligation_id: n === 1 ? o.id : `${o.id}#${n}`,
      employer_id: it.employerId,
      kind: o.kind,
      person_id: o.person,
      due: o.due,
      window_from: o.window.from,
      window_to: o.window.to,
      status: o.status,
      done_on: o.doneOn ?? null,
      late: o.late === true,
      measure: o.measure ?? null,
    });
  }
  return { evaluation, obligations };
}

/**
 * A digest of what storeEvaluations keeps of an input — the summary's figures and codes, the obligation rows
 * — leaving out only the day it was computed on and the law data's date: two evaluations with the same digest
 * store the same rows, so the sweep leaves a case whose digest is unchanged alone.
 */
export function evaluationDigest(it: EvaluationInput): string {
  const { evaluation, obligations } = rowsOf(it, stageOf(it.case, it.evaluation));
  const { asOf, lawVersion: _lawVersion, eligibility, ...summary } = evaluation.summary;
  // Eligibility judged on the evaluation's own date says only "today": the same judgement on another day.
  const judged = eligibility.on === asOf ? { ...eligibility, on: 'as-of' } : eligibility;
  const { law_version: _lv, ...rest } = evaluation;
  return createHash('sha1')
    .update(JSON.stringify({ ...rest, summary: { ...summary, eligibility: judged } }))
    .update(JSON.stringify(obligations))
    .digest('hex');
}

/**
 * Where the case stands: the principal's first plan step not yet done (the plan is in dependency
 * order), or 'complete' when every step is done or does not apply.
 */
export function stageOf(c: Case, ev: Evaluation): string {
  const principal = c.people.find((p) => p.role === 'principal')?.id;
  const next = ev.plan.find((s) => s.person === principal && s.status !== 'done' && s.status !== 'not-applicable');
  return next?.id ?? 'complete';
}

/**
 * Inside a tenant transaction: replaces the evaluations and obligations of these cases (a few statements
 * for the whole batch) and updates each case's stage. Returns the stages in input order.
 */
export async function storeEvaluations(tx: Tx, orgId: string, items: readonly EvaluationInput[]): Promise<string[]> {
  if (items.length === 0) return [];
  const stages = items.map((it) => stageOf(it.case, it.evaluation));
  const evs: Record<string, unknown>[] = [];
  const obligations: Record<string, unknown>[] = [];
  items.forEach((it, i) => {
    const rows = rowsOf(it, stages[i] as string);
    evs.push({ ...rows.evaluation, as_of: it.evaluation.asOf, digest: it.digest ?? evaluationDigest(it) });
    for (const o of rows.obligations) obligations.push({ ...o, as_of: it.evaluation.asOf });
  });
  const ids = items.map((it) => it.caseId);
  await tx.query(
    `INSERT INTO evaluations (org_id, case_id, as_of, law_version, case_version, evaluated_at, eligibility, stage, errors, warnings, infos, summary, digest)
     SELECT $1, x.case_id, x.as_of, x.law_version, x.case_version, now(), x.eligibility, x.stage, x.errors, x.warnings, x.infos, x.summary, x.digest
     FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, as_of date, law_version date, case_version int, eligibility text, stage text,
                                             errors int, warnings int, infos int, summary jsonb, digest text)
     ON CONFLICT (org_id, case_id) DO UPDATE SET as_of = EXCLUDED.as_of, law_version = EXCLUDED.law_version,
       case_version = EXCLUDED.case_version, evaluated_at = EXCLUDED.evaluated_at, eligibility = EXCLUDED.eligibility,
       stage = EXCLUDED.stage, errors = EXCLUDED.errors, warnings = EXCLUDED.warnings, infos = EXCLUDED.infos, summary = EXCLUDED.summary,
       digest = EXCLUDED.digest`,
    [orgId, jsonb(evs)],
  );
  await tx.query('DELETE FROM obligations WHERE case_id = ANY($1::uuid[])', [ids]);
  if (obligations.length > 0) {
    await tx.query(
      `INSERT INTO obligations (org_id, case_id, obligation_id, employer_id, kind, person_id, due, window_from, window_to, status, done_on, late, measure, as_of)
       SELECT $1, x.case_id, x.obligation_id, x.employer_id, x.kind, x.person_id, x.due, x.window_from, x.window_to, x.status, x.done_on, x.late, x.measure, x.as_of
       FROM jsonb_to_recordset($2::jsonb) AS x(case_id uuid, obligation_id text, employer_id uuid, kind text, person_id text, due date,
                                               window_from date, window_to date, status text, done_on date, late boolean, measure jsonb, as_of date)`,
      [orgId, jsonb(obligations)],
    );
  }
  await tx.query(
    `UPDATE cases c SET stage = x.stage FROM jsonb_to_recordset($1::jsonb) AS x(case_id uuid, stage text)
     WHERE c.case_id = x.case_id AND c.stage IS DISTINCT FROM x.stage`,
    [jsonb(items.map((it, i) => ({ case_id: it.caseId, stage: stages[i] })))],
  );
  return stages;
}

export interface StoredEvaluation {
  caseId: string;
  asOf: string;
  lawVersion: string;
  caseVersion: number;
  evaluatedAt: string;
  stage: string;
  /** The engine's output without plan, obligations, checklist and grounds (see NOT_STORED). */
  summary: EvaluationSummary;
}

interface EvaluationRow {
  case_id: string;
  as_of: string;
  law_version: string;
  case_version: number;
  evaluated_at: string;
  stage: string;
  summary: EvaluationSummary;
}

const toStored = (r: EvaluationRow): StoredEvaluation => ({
  caseId: r.case_id,
  asOf: r.as_of,
  lawVersion: r.law_version,
  caseVersion: r.case_version,
  evaluatedAt: r.evaluated_at,
  stage: r.stage,
  summary: r.summary,
});

/**
 * Evaluates one stored case now, stores the result, and returns the engine's full output (plan,
 * checklist and grounds included) with what was stored. Any role that may see the case may refresh it.
 */
export async function evaluateCase(
  db: Db,
  actor: Actor,
  engine: Engine,
  caseId: string,
  asOf: IsoDate,
  opts: EvaluateOptions = {},
): Promise<{ evaluation: Evaluation; stored: StoredEvaluation; case: Case }> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(db, actor, async (tx) => {
    const rows = await tx.query<{ employer_id: string; version: number; data: Case }>(
      'SELECT employer_id, version, data FROM cases WHERE case_id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) throw new NotFound('case', caseId);
    const evaluation = engine.evaluate(row.data, asOf, opts);
    await storeEvaluations(tx, actor.orgId, [
      { caseId: id, employerId: row.employer_id, caseVersion: row.version, case: row.data, evaluation },
    ]);
    await appendAudit(tx, actor, { action: 'case.evaluate', entity: 'case', entityId: id, details: { asOf } });
    const out = await tx.query<EvaluationRow>('SELECT * FROM evaluations WHERE case_id = $1', [id]);
    return { evaluation, stored: toStored(out[0]!), case: row.data };
  });
}

/** The stored evaluation summary of a case (NotFound when it has none yet). */
export async function getEvaluation(db: Db, actor: Actor, caseId: string): Promise<StoredEvaluation> {
  const id = requireUuid(caseId, 'case');
  requireCaseVisible(actor, id);
  return inTenant(db, actor, async (tx) => {
    const rows = await tx.query<EvaluationRow>('SELECT * FROM evaluations WHERE case_id = $1', [id]);
    if (!rows[0]) {
      const exists = await tx.query('SELECT 1 FROM cases WHERE case_id = $1', [id]);
      throw new NotFound(exists.length ? 'evaluation of case' : 'case', caseId);
    }
    await appendAudit(tx, actor, { action: 'evaluation.read', entity: 'case', entityId: id });
    return toStored(rows[0]);
  });
}

export interface ObligationRecord {
  caseId: string;
  obligationId: string;
  employerId: string;
  employerName: string;
  principalName: string;
  kind: ObligationKind;
  personId: string;
  /** The person's name in Latin letters (and Cyrillic, when the case has it); null if the person left the case. */
  personName: string | null;
  personNameCyrillic: string | null;
  due: string;
  window: { from: string; to: string };
  status: ObligationStatus;
  doneOn: string | null;
  late: boolean;
  measure: { used: number; limit: number; unit: 'days' } | null;
  asOf: string;
}

export interface ObligationFilter extends PageRequest {
  status?: readonly ObligationStatus[];
  kind?: readonly string[];
  employerId?: string;
  caseId?: string;
  /** Due on or after / on or before (ISO dates). */
  dueFrom?: string;
  dueTo?: string;
  /** Only open cases (default true). */
  openCasesOnly?: boolean;
}

function checkDate(v: string | undefined, path: string): void {
  if (v !== undefined && !isRealIsoDate(v))
    throw Invalid.one(path, `expected a date as YYYY-MM-DD, got ${JSON.stringify(v)}`);
}

/** The portfolio: obligations across all cases, soonest due first. */
export async function listObligations(db: Db, actor: Actor, f: ObligationFilter = {}): Promise<Page<ObligationRecord>> {
  const { limit, offset } = pageOf(f, 1000, 100);
  checkDate(f.dueFrom, 'dueFrom');
  checkDate(f.dueTo, 'dueTo');
  const w = new Where();
  if (actor.role === 'specialist') w.add('o.case_id = ?::uuid', actor.caseId ?? '00000000-0000-0000-0000-000000000000');
  if (f.caseId !== undefined) w.add('o.case_id = ?::uuid', requireUuid(f.caseId, 'case'));
  if (f.status?.length) w.add('o.status = ANY(?::text[])', [...f.status]);
  if (f.kind?.length) w.add('o.kind = ANY(?::text[])', [...f.kind]);
  if (f.employerId !== undefined) w.add('o.employer_id = ?::uuid', requireUuid(f.employerId, 'employer'));
  if (f.dueFrom !== undefined) w.add('o.due >= ?::date', f.dueFrom);
  if (f.dueTo !== undefined) w.add('o.due <= ?::date', f.dueTo);
  if (f.openCasesOnly !== false) w.clauses.push(`c.status = 'open'`);
  const from = `FROM obligations o JOIN cases c ON c.org_id = o.org_id AND c.case_id = o.case_id
                JOIN employers e ON e.org_id = o.org_id AND e.employer_id = o.employer_id`;
  // The person's name (Latin, and Cyrillic where the case has it) for lists that show whose duty it is.
  const person = `LEFT JOIN case_people p ON p.org_id = o.org_id AND p.case_id = o.case_id AND p.person_id = o.person_id`;
  return inTenant(
    db,
    actor,
    async (tx) => {
      const total = (await tx.query<{ n: number }>(`SELECT count(*)::int AS n ${from} ${w.sql}`, w.params))[0]!.n;
      const rows = await tx.query<Record<string, unknown>>(
        `SELECT o.*, e.name AS employer_name, c.principal_name, p.name_latin AS person_name, p.name_cyrillic AS person_name_cyrillic ${from} ${person} ${w.sql} ORDER BY o.due, o.case_id, o.obligation_id LIMIT ${limit} OFFSET ${offset}`,
        w.params,
      );
      return {
        items: rows.map((r) => ({
          caseId: r.case_id as string,
          obligationId: r.obligation_id as string,
          employerId: r.employer_id as string,
          employerName: r.employer_name as string,
          principalName: r.principal_name as string,
          kind: r.kind as ObligationKind,
          personId: r.person_id as string,
          personName: (r.person_name as string | null) ?? null,
          personNameCyrillic: (r.person_name_cyrillic as string | null) ?? null,
          due: r.due as string,
          window: { from: r.window_from as string, to: r.window_to as string },
          status: r.status as ObligationStatus,
          doneOn: (r.done_on as string | null) ?? null,
          late: r.late as boolean,
          measure: (r.measure as ObligationRecord['measure']) ?? null,
          asOf: r.as_of as string,
        })),
        total,
        limit,
        offset,
      };
    },
    { readOnly: true },
  );
}

export interface Dashboard {
  today: string;
  openCases: number;
  notEvaluated: number;
  overdue: number;
  dueThisWeek: number;
  casesByStage: Record<string, number>;
  findingsBySeverity: { error: number; warning: number; info: number };
  eligibility: Record<string, number>;
}

/** The portfolio summary of open cases, as of `today` (the last sweep's figures for statuses). */
export async function dashboard(db: Db, actor: Actor, today: IsoDate): Promise<Dashboard> {
  requirePortfolio(actor, 'the portfolio summary');
  checkDate(today, 'today');
  const weekEnd = addDays(today, 7);
  return inTenant(
    db,
    actor,
    async (tx) => {
      const [counts] = await tx.query<{
        open: number;
        not_evaluated: number;
        overdue: number;
        due_week: number;
        errors: number;
        warnings: number;
        infos: number;
      }>(
        `SELECT
           (SELECT count(*)::int FROM cases WHERE status = 'open') AS open,
           (SELECT count(*)::int FROM cases c WHERE status = 'open' AND NOT EXISTS (SELECT 1 FROM evaluations v WHERE v.case_id = c.case_id)) AS not_evaluated,
           (SELECT count(*)::int FROM obligations o JOIN cases c USING (org_id, case_id) WHERE c.status = 'open' AND (o.status = 'overdue' OR (o.status IN ('due', 'upcoming') AND o.due < $1::date))) AS overdue,
           (SELECT count(*)::int FROM obligations o JOIN cases c USING (org_id, case_id) WHERE c.status = 'open' AND o.status IN ('due', 'upcoming') AND o.due >= $1::date AND o.due <= $2::date) AS due_week,
           (SELECT coalesce(sum(v.errors), 0)::int FROM evaluations v JOIN cases c USING (org_id, case_id) WHERE c.status = 'open') AS errors,
           (SELECT coalesce(sum(v.warnings), 0)::int FROM evaluations v JOIN cases c USING (org_id, case_id) WHERE c.status = 'open') AS warnings,
           (SELECT coalesce(sum(v.infos), 0)::int FROM evaluations v JOIN cases c USING (org_id, case_id) WHERE c.status = 'open') AS infos`,
        [today, weekEnd],
      );
      const stages = await tx.query<{ stage: string | null; n: number }>(
        `SELECT stage, count(*)::int AS n FROM cases WHERE status = 'open' GROUP BY stage ORDER BY stage`,
      );
      const elig = await tx.query<{ eligibility: string; n: number }>(
        `SELECT v.eligibility, count(*)::int AS n FROM evaluations v JOIN cases c USING (org_id, case_id) WHERE c.status = 'open' GROUP BY v.eligibility ORDER BY 1`,
      );
      return {
        today,
        openCases: counts!.open,
        notEvaluated: counts!.not_evaluated,
        overdue: counts!.overdue,
        dueThisWeek: counts!.due_week,
        casesByStage: Object.fromEntries(stages.map((s) => [s.stage ?? 'not-evaluated', s.n])),
        findingsBySeverity: { error: counts!.errors, warning: counts!.warnings, info: counts!.infos },
        eligibility: Object.fromEntries(elig.map((e) => [e.eligibility, e.n])),
      };
    },
    { readOnly: true },
  );
}
