// The portfolio sweep: every open case of every organization evaluated as of a date, and what changed
// stored. One organization at a time, in batches, each batch one tenant transaction (row-level security on)
// that reads the cases with the digest of their stored result and writes the results that differ together;
// a case whose fresh result has the stored digest is left alone (no row written). The date and the law
// version each sweep used are in its audit entry. A case the engine fails on is reported and skipped; it
// never stops the rest of the portfolio.
import type { Case } from '../case/index.ts';
import type { Engine } from '../engine/index.ts';
import type { IsoDate } from '../calendar/date.ts';
import { appendAudit } from './audit.ts';
import { systemActor } from './actor.ts';
import { inSystem, inTenant, type Db } from './db.ts';
import { evaluationDigest, storeEvaluations, type EvaluationInput } from './evaluations.ts';

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
  /** Cases evaluated. */
  cases: number;
  /** Of those, the cases whose result changed and was written. */
  changed: number;
  /** Obligations of the cases evaluated (written only for the changed ones). */
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
  const result: SweepResult = {
    asOf,
    organizations: selected.length,
    cases: 0,
    changed: 0,
    obligations: 0,
    failures: [],
    ms: 0,
  };
  let lawVersion: string | undefined;
  let done = 0;
  for (const org of selected) {
    const actor = systemActor(org.org_id, 'system:sweep');
    let after = '00000000-0000-0000-0000-000000000000';
    let orgCases = 0;
    let orgChanged = 0;
    let orgFailures = 0;
    for (;;) {
      const batch = await inTenant(db, org.org_id, async (tx) => {
        const rows = await tx.query<{
          case_id: string;
          employer_id: string;
          version: number;
          data: Case;
          digest: string | null;
        }>(
          `SELECT c.case_id, c.employer_id, c.version, c.data, e.digest FROM cases c
           LEFT JOIN evaluations e ON e.org_id = c.org_id AND e.case_id = c.case_id
           WHERE c.status = 'open' AND c.case_id > $1
           ORDER BY c.case_id LIMIT ${batchSize} FOR SHARE OF c`,
          [after],
        );
        const items: EvaluationInput[] = [];
        let evaluated = 0;
        for (const r of rows) {
          try {
            const item: EvaluationInput = {
              caseId: r.case_id,
              employerId: r.employer_id,
              caseVersion: r.version,
              case: r.data,
              evaluation: engine.evaluate(r.data, asOf),
            };
            lawVersion ??= item.evaluation.lawVersion;
            item.digest = evaluationDigest(item);
            evaluated++;
            result.obligations += item.evaluation.obligations.length;
            if (item.digest !== r.digest) items.push(item);
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
        return { rows: rows.length, last: rows[rows.length - 1]?.case_id, evaluated, changed: items.length };
      });
      if (batch.rows === 0) break;
      after = batch.last!;
      done += batch.rows;
      orgCases += batch.evaluated;
      orgChanged += batch.changed;
      result.cases += batch.evaluated;
      result.changed += batch.changed;
      onProgress?.({ done, total: Math.max(total, done), orgId: org.org_id, orgName: org.name });
      if (batch.rows < batchSize) break;
    }
    await inTenant(db, org.org_id, (tx) =>
      appendAudit(tx, actor, {
        action: 'sweep',
        entity: 'organization',
        entityId: org.org_id,
        details: { asOf, lawVersion: lawVersion ?? null, cases: orgCases, changed: orgChanged, failures: orgFailures },
      }),
    );
  }
  result.ms = performance.now() - t0;
  return result;
}
