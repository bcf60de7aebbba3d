// The portfolio sweep: every open case of every organization evaluated as of a date, its evaluation and
// obligations stored. One organization at a time, in batches, each batch one tenant transaction (row-level
// security on) that reads the cases and writes their results together. A case the engine fails on is
// reported and skipped; it never stops the rest of the portfolio.
import type { Case } from '../case/index.ts';
import type { Engine } from '../engine/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { appendAudit } from './audit.ts';
import { systemActor } from './actor.ts';
import { inSystem, inTenant, type Db } from './db.ts';
import { storeEvaluations, type EvaluationInput } from './evaluations.ts';

export interface SweepProgress {
  /** Cases swept so far, over all organizations. */
  done: number;
  /** Open cases when the sweep began. */
  total: number;
  orgId: string;
  orgName: string;
}

export interface SweepFailure {
  orgId: string;
  caseId: string;
  error: string;
}

export interface SweepResult {
  asOf: IsoDate;
  organizations: number;
  cases: number;
  obligations: number;
  failures: SweepFailure[];
  ms: number;
}

export interface SweepOptions {
  /** Cases per transaction (default 250). */
  batchSize?: number;
  /** Only these organizations. */
  orgIds?: readonly string[];
}

export async function sweep(
  db: Db,
  engine: Engine,
  asOf: IsoDate,
  onProgress?: (p: SweepProgress) => void,
  opts: SweepOptions = {},
): Promise<SweepResult> {
  const t0 = performance.now();
  const batchSize = opts.batchSize ?? 250;
  const orgs = await inSystem(
    db,
    (tx) =>
      tx.query<{ org_id: string; name: string; open: number }>(
        `SELECT o.org_id, o.name, (SELECT count(*)::int FROM cases c WHERE c.org_id = o.org_id AND c.status = 'open') AS open
         FROM organizations o ORDER BY o.created_at, o.org_id`,
      ),
    { readOnly: true },
  );
  const selected = opts.orgIds ? orgs.filter((o) => opts.orgIds!.includes(o.org_id)) : orgs;
  const total = selected.reduce((n, o) => n + o.open, 0);
  const result: SweepResult = { asOf, organizations: selected.length, cases: 0, obligations: 0, failures: [], ms: 0 };
  let done = 0;
  for (const org of selected) {
    const actor = systemActor(org.org_id, 'system:sweep');
    let after = '00000000-0000-0000-0000-000000000000';
    let orgCases = 0;
    let orgFailures = 0;
    for (;;) {
      const batch = await inTenant(db, org.org_id, async (tx) => {
        const rows = await tx.query<{ case_id: string; employer_id: string; version: number; data: Case }>(
          `SELECT case_id, employer_id, version, data FROM cases WHERE status = 'open' AND case_id > $1
           ORDER BY case_id LIMIT ${batchSize} FOR SHARE`,
          [after],
        );
        const items: EvaluationInput[] = [];
        for (const r of rows) {
          try {
            items.push({
              caseId: r.case_id,
              employerId: r.employer_id,
              caseVersion: r.version,
              case: r.data,
              evaluation: engine.evaluate(r.data, asOf),
            });
          } catch (e) {
            result.failures.push({
              orgId: org.org_id,
              caseId: r.case_id,
              error: e instanceof Error ? e.message : String(e),
            });
            orgFailures++;
          }
        }
        await storeEvaluations(tx, org.org_id, items);
        for (const it of items) result.obligations += it.evaluation.obligations.length;
        return { rows: rows.length, last: rows[rows.length - 1]?.case_id, evaluated: items.length };
      });
      if (batch.rows === 0) break;
      after = batch.last!;
      done += batch.rows;
      orgCases += batch.evaluated;
      result.cases += batch.evaluated;
      onProgress?.({ done, total: Math.max(total, done), orgId: org.org_id, orgName: org.name });
      if (batch.rows < batchSize) break;
    }
    await inTenant(db, org.org_id, (tx) =>
      appendAudit(tx, actor, {
        action: 'sweep',
        entity: 'organization',
        entityId: org.org_id,
        details: { asOf, cases: orgCases, failures: orgFailures },
      }),
    );
  }
  result.ms = performance.now() - t0;
  return result;
}
