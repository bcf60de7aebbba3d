// The evaluation of a stored case, for the API and its exports. As of today it is the stored one (the
// portfolio's figures: the dashboard, the obligations list); on another date it is computed only, by the
// evaluation workers, and the read is audited. Exports (checklist, letters, calendar) compute theirs the
// same way. Plain inputs and the database; the caller supplies the workers as a function.
import type { IsoDate } from '../calendar/date.ts';
import type { Case } from '../case/index.ts';
import type { Engine, EvaluateOptions, Evaluation } from '../engine/index.ts';
import * as store from '../store/index.ts';
import type { Actor } from '../store/actor.ts';

export interface EvaluationDeps {
  db: store.Db;
  engine: Engine;
  /** Today in Moscow. */
  today: () => IsoDate;
  /** The evaluation of a stored (checked) case, computed off the event loop (a worker). */
  evaluateInPool: (c: Case, asOf: IsoDate, options: EvaluateOptions) => Promise<Evaluation>;
}

/** A stored case evaluated on `asOf` (default today) by a worker, the read audited as `action`. */
export async function evaluateStored(
  deps: EvaluationDeps,
  actor: Actor,
  id: string,
  asOf: IsoDate | undefined,
  options: EvaluateOptions,
  action: string,
  details: Record<string, unknown>,
): Promise<{ rec: store.CaseRecord; evaluation: Evaluation }> {
  const { db, today, evaluateInPool } = deps;
  const rec = await store.getCase(db, actor, id, { audit: false });
  const on = (asOf ?? today()) as IsoDate;
  const evaluation = await evaluateInPool(rec.case, on, options);
  await store.inTenant(db, actor, (tx) =>
    store.appendAudit(tx, actor, { action, entity: 'case', entityId: rec.caseId, details: { asOf: on, ...details } }),
  );
  return { rec, evaluation };
}

/**
 * The case's evaluation, in codes: as of today it is stored (portfolio figures); another asOf is computed
 * only. `options` asks for the documents (checklist, grounds) and the trace too.
 */
export async function caseEvaluation(
  deps: EvaluationDeps,
  actor: Actor,
  id: string,
  asOf: string | undefined,
  options: EvaluateOptions,
): Promise<{ evaluation: Evaluation; stored: boolean; case: Case }> {
  const { db, engine, today } = deps;
  if (asOf === undefined || asOf === today()) {
    const r = await store.evaluateCase(db, actor, engine, id, today(), options);
    return { evaluation: r.evaluation, stored: true, case: r.case };
  }
  const { rec, evaluation } = await evaluateStored(deps, actor, id, asOf as IsoDate, options, 'evaluation.read', {});
  return { evaluation, stored: false, case: rec.case };
}
