// Writes of a case evaluate it as of today in the same transaction. When the engine itself fails, the
// write is stored without a new evaluation (and the failure logged), so that a bug in a rule never blocks
// editing a case; a refusal of the write (a domain error, a problem) is answered as it is.
import type { Case } from '../../case/index.ts';
import * as store from '../../store/index.ts';
import type { Actor } from '../../store/actor.ts';
import type { ServerContext } from '../context.ts';
import { HttpProblem } from '../problem.ts';

const evalWith = (x: ServerContext): store.EvaluateWith => ({ engine: x.engine, asOf: x.today() });

/** The options of a write of a case's part: the law's tables, today, and the evaluation if any. */
export const parts = (x: ServerContext, evaluate?: store.EvaluateWith): store.CasePartOptions => ({
  tables: x.tables,
  today: x.today(),
  ...(evaluate ? { evaluate } : {}),
});

/** A case write evaluated as part of it (see above). */
export async function evaluated<T>(x: ServerContext, write: (evaluate?: store.EvaluateWith) => Promise<T>): Promise<T> {
  try {
    return await write(evalWith(x));
  } catch (e) {
    if (store.isStoreError(e) || e instanceof HttpProblem) throw e;
    x.log('writing a case: the evaluation failed; the case is stored without a new one', e);
    return write();
  }
}

/** A new case, evaluated as of today (stored without an evaluation when the engine fails). */
export async function createEvaluated(
  x: ServerContext,
  actor: Actor,
  body: Case,
  employerId: string | undefined,
): Promise<store.CaseRecord> {
  // Events record what has happened: one dated after tomorrow (Moscow) is refused, naming the field.
  const base = { ...(employerId ? { employerId } : {}), today: x.today() };
  try {
    return await store.createCase(x.db, actor, body, { ...base, evaluate: evalWith(x) });
  } catch (e) {
    if (store.isStoreError(e) || e instanceof HttpProblem) throw e;
    x.log('creating a case: the evaluation failed; the case is stored without one', e);
    return store.createCase(x.db, actor, body, base);
  }
}

export function updateEvaluated(
  x: ServerContext,
  actor: Actor,
  id: string,
  c: Case,
  version: number,
): Promise<store.CaseRecord> {
  return evaluated(x, (evaluate) =>
    store.updateCase(x.db, actor, id, c, version, { today: x.today(), ...(evaluate ? { evaluate } : {}) }),
  );
}
