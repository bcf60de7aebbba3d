// Bulk actions on a selection of cases (the portfolio's list with boxes ticked): record a quarter's salary
// notification as filed, close, or assign. Each case is its own transaction (a case refused does not undo
// the others), each change audited as the single-case change is; the answer says, case by case, ok or the
// problem — a case the actor may not see or touch is reported, never silently skipped.
import type { IsoDate } from '../calendar/date.ts';
import type { CheckTables } from '../case/index.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

export type BulkAction =
  | { type: 'salary-notification-filed'; period: string; on: string }
  | { type: 'close' }
  | { type: 'assign'; assignee: string | null };

export interface BulkProblem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

export type BulkItem =
  { caseId: string; ok: true; changed: boolean; version: number } | { caseId: string; ok: false; problem: BulkProblem };

export interface BulkResult {
  action: BulkAction['type'];
  ok: number;
  failed: number;
  results: BulkItem[];
}

export interface BulkDeps {
  db: store.Db;
  tables: CheckTables;
  today: IsoDate;
  /** Evaluate each changed case as of today in its write (as single writes do). */
  evaluate?: store.EvaluateWith;
}

const STATUS: Record<store.StoreErrorKind, number> = {
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  invalid: 422,
  unauthenticated: 401,
  throttled: 429,
};

/** A store error as one case's problem; anything else is not the case's fault and is thrown. */
export function problemOf(e: unknown): BulkProblem {
  if (!store.isStoreError(e)) throw e;
  const errors = 'problems' in e ? [...(e as { problems: readonly store.FieldProblem[] }).problems] : [];
  return { status: STATUS[e.kind], detail: e.message, ...(errors.length ? { errors } : {}) };
}

const hasSalaryNotification = (c: store.CaseRecord['case'], period: string) =>
  (c.events ?? []).some((e) => e.type === 'notification-filed' && e.kind === 'salary' && e.period === period);

async function one(deps: BulkDeps, actor: Actor, caseId: string, action: BulkAction): Promise<BulkItem> {
  const { db } = deps;
  switch (action.type) {
    case 'close': {
      const before = await store.getCase(db, actor, caseId, { audit: false });
      const rec = await store.setCaseStatus(db, actor, caseId, 'closed');
      return { caseId, ok: true, changed: before.status !== 'closed', version: rec.version };
    }
    case 'assign': {
      const before = await store.getCase(db, actor, caseId, { audit: false });
      const rec = await store.assignCase(db, actor, caseId, action.assignee);
      const changed = (before.assignee?.userId ?? null) !== (rec.assignee?.userId ?? null);
      return { caseId, ok: true, changed, version: rec.version };
    }
    case 'salary-notification-filed': {
      const cur = await store.getCase(db, actor, caseId, { audit: false });
      // Recorded already (an earlier run, a colleague): nothing to add, and not an error.
      if (hasSalaryNotification(cur.case, action.period))
        return { caseId, ok: true, changed: false, version: cur.version };
      const event = { on: action.on, type: 'notification-filed', kind: 'salary', period: action.period };
      const opts = { tables: deps.tables, today: deps.today };
      try {
        const rec = await store.addEvent(db, actor, caseId, event, cur.version, {
          ...opts,
          ...(deps.evaluate ? { evaluate: deps.evaluate } : {}),
        });
        return { caseId, ok: true, changed: true, version: rec.version };
      } catch (e) {
        if (store.isStoreError(e) || !deps.evaluate) throw e;
        // The engine failed on this case: the event is still recorded (as a single write does).
        const rec = await store.addEvent(db, actor, caseId, event, cur.version, opts);
        return { caseId, ok: true, changed: true, version: rec.version };
      }
    }
  }
}

/** Runs `action` on each case of the selection (duplicates once), in order. */
export async function runBulk(
  deps: BulkDeps,
  actor: Actor,
  caseIds: readonly string[],
  action: BulkAction,
): Promise<BulkResult> {
  store.requireWrite(actor, 'changing cases in bulk');
  const results: BulkItem[] = [];
  for (const caseId of [...new Set(caseIds.map((id) => id.toLowerCase()))]) {
    try {
      results.push(await one(deps, actor, caseId, action));
    } catch (e) {
      results.push({ caseId, ok: false, problem: problemOf(e) });
    }
  }
  const ok = results.filter((r) => r.ok).length;
  return { action: action.type, ok, failed: results.length - ok, results };
}
