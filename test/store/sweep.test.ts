// The portfolio sweep on both backends: every open case of every organization evaluated and its
// obligations stored, closed cases left alone, progress reported, a failing case reported and skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startBackend, type TestBackend } from './backends.ts';
import { makeOrg, testEngine, type Org } from './fixtures.ts';
import type { IsoDate } from '../../src/calendar/date.ts';
import { loadLaw } from '../../src/law/node.ts';
import { generateCase } from '../../bench/generate.ts';
import type { Engine } from '../../src/engine/index.ts';
import {
  checkCase,
  createCase,
  exportCase,
  getEvaluation,
  listAudit,
  listObligations,
  setCaseStatus,
  sweep,
  type Db,
  type SweepProgress,
} from '../../src/store/index.ts';

const AS_OF = '2026-11-21' as IsoDate;

describe.each(BACKENDS)('sweep on %s', (name) => {
  let backend: TestBackend;
  let db: Db;
  let A: Org;
  let B: Org;
  const ids: { org: Org; caseId: string }[] = [];
  let closedId: string;

  beforeAll(async () => {
    backend = await startBackend(name);
    db = await backend.fresh();
    A = await makeOrg(db, 'sweepA');
    B = await makeOrg(db, 'sweepB');
    const law = loadLaw();
    for (let i = 0; i < 24; i++) {
      const org = i % 3 === 0 ? B : A;
      const rec = await createCase(db, org.owner, checkCase(generateCase(i, { law })));
      ids.push({ org, caseId: rec.caseId });
    }
    closedId = ids[1]!.caseId;
    await setCaseStatus(db, A.owner, closedId, 'closed');
  }, 90_000);

  afterAll(async () => {
    await backend?.close();
  });

  it('evaluates every open case, in batches, and stores its obligations', async () => {
    const progress: SweepProgress[] = [];
    const r = await sweep(db, testEngine(), AS_OF, (p) => progress.push(p), { batchSize: 5 });
    expect(r).toMatchObject({ organizations: 2, cases: 23, failures: [] });
    expect(progress.at(-1)).toMatchObject({ done: 23, total: 23 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThanOrEqual(5);
    let obligations = 0;
    for (const { org, caseId } of ids) {
      if (caseId === closedId) {
        await expect(getEvaluation(db, org.owner, caseId)).rejects.toThrow(/not found/);
        continue;
      }
      const ev = await getEvaluation(db, org.owner, caseId);
      expect(ev.asOf).toBe(AS_OF);
      const full = testEngine().evaluate(await exportCase(db, org.owner, caseId), AS_OF);
      expect(ev.summary.findings).toEqual(JSON.parse(JSON.stringify(full.findings)));
      obligations += full.obligations.length;
      const rows = await listObligations(db, org.owner, { caseId, limit: 1000 });
      expect(rows.total).toBe(full.obligations.length);
    }
    expect(r.obligations).toBe(obligations);
    const audit = await listAudit(db, B.owner, { action: 'sweep' });
    expect(audit.items[0]).toMatchObject({ actor: 'system:sweep', details: { asOf: AS_OF, cases: 8, failures: 0 } });
  });

  it('a second sweep on the same day writes nothing: no evaluation or obligation row is touched', async () => {
    const rowVersions = async () =>
      (
        await db.query<{ x: string }>(
          `SELECT string_agg(xmin::text || ':' || obligation_id, ',' ORDER BY case_id, obligation_id) AS x FROM obligations`,
        )
      )[0]!.x +
      (await db.query<{ x: string }>(`SELECT string_agg(xmin::text, ',' ORDER BY case_id) AS x FROM evaluations`))[0]!
        .x;
    const before = await rowVersions();
    const r = await sweep(db, testEngine(), AS_OF);
    expect(r).toMatchObject({ cases: 23, changed: 0, failures: [] });
    expect(r.obligations).toBeGreaterThan(0);
    expect(await rowVersions()).toBe(before);
    const audit = await listAudit(db, A.owner, { action: 'sweep', newestFirst: true });
    expect(audit.items[0]).toMatchObject({
      details: { asOf: AS_OF, cases: 15, changed: 0, lawVersion: expect.any(String) },
    });
  });

  it('a later sweep rewrites the cases whose result changed (as of the new date), never duplicates, and leaves the rest', async () => {
    const later = '2027-03-01' as IsoDate;
    const r = await sweep(db, testEngine(), later);
    expect(r.changed).toBeGreaterThan(0);
    let rewritten = 0;
    for (const { org, caseId } of ids) {
      if (caseId === closedId) continue;
      const ev = await getEvaluation(db, org.owner, caseId);
      const full = testEngine().evaluate(await exportCase(db, org.owner, caseId), later);
      const rows = await listObligations(db, org.owner, { caseId, limit: 1000 });
      expect(rows.total).toBe(full.obligations.length);
      // Rewritten: every row as of the new date; left alone: what is stored is what would have been written.
      expect([later, AS_OF]).toContain(ev.asOf);
      expect(rows.items.every((o) => o.asOf === ev.asOf)).toBe(true);
      expect(rows.items.map((o) => [o.due, o.status]).sort()).toEqual(
        full.obligations.map((o) => [o.due, o.status]).sort(),
      );
      if (ev.asOf === later) rewritten++;
    }
    expect(rewritten).toBe(r.changed);
  });

  it('a case the engine fails on is reported and the rest are swept', async () => {
    const real = testEngine();
    let seen = 0;
    // The third case it is given breaks it.
    const flaky: Engine = {
      evaluate(c, asOf, opts) {
        if (++seen === 3) throw new Error('engine broke on this case');
        return real.evaluate(c, asOf, opts);
      },
      documents: (c, asOf, opts) => real.documents(c, asOf, opts),
    };
    const r = await sweep(db, flaky, '2027-04-01' as IsoDate, undefined, { orgIds: [A.orgId] });
    expect(r.organizations).toBe(1);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]).toMatchObject({ orgId: A.orgId, error: 'engine broke on this case' });
    expect(r.cases).toBe(15 - 1);
  });
});
